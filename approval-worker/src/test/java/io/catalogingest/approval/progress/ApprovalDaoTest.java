package io.catalogingest.approval.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.ApprovalStorage;
import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.approval.lease.LeaseLostException;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The approval rows and their leases against real Postgres. */
@CatalogInfrastructureTest
class ApprovalDaoTest {

    private static final String TENANT = "tenant-approvals";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static ApprovalStorage storage;
    private static ApprovalDao approvals;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        storage = new ApprovalStorage(infrastructure);
        approvals = storage.jdbi.onDemand(ApprovalDao.class);
    }

    @Test
    void unfinishedApprovalsNobodyHoldsAreDue() {
        UUID free = storage.approval(TENANT, "promoting", null, 0, null);
        UUID expired = storage.approval(TENANT, "creating", "gone", 1, Duration.ofSeconds(-5));
        UUID held = storage.approval(TENANT, "promoting", "driver", 1, MINUTE);
        UUID done = storage.approval(TENANT, "completed", null, 1, null);

        assertThat(approvals.due(1000)).contains(free, expired).doesNotContain(held, done);
    }

    @Test
    void aReleaseIsLeasedByOneDriverAtATimeEachTakeOverRaisingTheEpoch() {
        UUID releaseId = storage.approval(TENANT, "promoting", null, 4, null);

        ApprovalDao.Approval taken = approvals.lease(releaseId, "driver-a", MINUTE).orElseThrow();

        assertThat(taken.stage()).isEqualTo(ApprovalStage.PROMOTING);
        assertThat(taken.lease()).isEqualTo(new DriverLease(releaseId, "driver-a", 5));
        assertThat(taken.tenantId()).isEqualTo(TENANT);
        assertThat(taken.productId()).isEqualTo("product");
        assertThat(approvals.lease(releaseId, "driver-b", MINUTE)).as("held by driver-a").isEmpty();
        assertThat(approvals.lease(storage.release(TENANT), "driver-b", MINUTE)).as("no approval").isEmpty();
    }

    @Test
    void aDriversWritesApplyWhileItsLeaseHoldsAndThrowOnceTakenOver() {
        UUID releaseId = storage.approval(TENANT, "promoting", null, 0, null);
        DriverLease lease = approvals.lease(releaseId, "driver-a", MINUTE).orElseThrow().lease();

        approvals.renew(lease, MINUTE);
        approvals.requireHeld(lease);
        approvals.promoted(lease);
        assertThat(storage.column("release_approval", "release_id", releaseId, "stage")).isEqualTo("creating");
        approvals.retryLater(lease, Duration.ZERO, "x".repeat(3000));
        assertThat(storage.column("release_approval", "release_id", releaseId, "attempts")).isEqualTo("1");
        assertThat(storage.column("release_approval", "release_id", releaseId, "length(last_error)"))
                .as("the error is cut at 2000 characters").isEqualTo("2000");

        DriverLease next = approvals.lease(releaseId, "driver-b", MINUTE).orElseThrow().lease();
        assertThatThrownBy(() -> approvals.renew(lease, MINUTE)).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> approvals.requireHeld(lease)).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> approvals.commandSent(lease, MINUTE)).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> approvals.retryLater(lease, MINUTE, "late")).isInstanceOf(LeaseLostException.class);
        approvals.commandSent(next, MINUTE);
        assertThat(storage.column("release_approval", "release_id", releaseId, "lease_owner"))
                .as("let go once the command is sent").isNull();
    }

    @Test
    void aPromotionByALostLeaseChangesNothing() {
        UUID releaseId = storage.approval(TENANT, "promoting", "driver-b", 2, MINUTE);

        assertThatThrownBy(() -> approvals.promoted(new DriverLease(releaseId, "driver-a", 1)))
                .isInstanceOf(LeaseLostException.class);
        assertThat(storage.column("release_approval", "release_id", releaseId, "stage")).isEqualTo("promoting");
    }
}
