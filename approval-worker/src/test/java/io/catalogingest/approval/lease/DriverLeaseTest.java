package io.catalogingest.approval.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.ApprovalStorage;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The fence of the approval driver's writes, against real Postgres. */
@CatalogInfrastructureTest
class DriverLeaseTest {

    private static final String TENANT = "tenant-lease";

    private static ApprovalStorage storage;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        storage = new ApprovalStorage(infrastructure);
    }

    @Test
    void theHolderLocksTheApprovalRowForItsTransaction() {
        DriverLease lease = approval("driver-a", 3);

        storage.jdbi.useTransaction(handle -> {
            lease.hold(handle);

            assertThat(lockedElsewhere(lease.releaseId())).as("a take-over waits for the holder's transaction")
                    .isTrue();
        });
        assertThat(lockedElsewhere(lease.releaseId())).as("released at the end of the transaction").isFalse();
    }

    @Test
    void aLeaseTakenOverByAnotherDriverHoldsNothing() {
        DriverLease lease = approval("driver-a", 3);
        takeOver(lease.releaseId(), "driver-b", 4);

        assertThatThrownBy(() -> storage.jdbi.useTransaction(lease::hold)).isInstanceOf(LeaseLostException.class);
        storage.jdbi.useTransaction(new DriverLease(lease.releaseId(), "driver-b", 4)::hold);
    }

    @Test
    void anOlderEpochOfTheSameOwnerHoldsNothing() {
        DriverLease lease = approval("driver-a", 3);
        takeOver(lease.releaseId(), "driver-a", 4);

        assertThatThrownBy(() -> storage.jdbi.useTransaction(lease::hold)).isInstanceOf(LeaseLostException.class);
    }

    @Test
    void aReleaseWithoutApprovalHoldsNothing() {
        DriverLease lease = new DriverLease(storage.release(TENANT), "driver-a", 0);

        assertThatThrownBy(() -> storage.jdbi.useTransaction(lease::hold)).isInstanceOf(LeaseLostException.class);
    }

    private static DriverLease approval(String owner, long epoch) {
        return new DriverLease(storage.approval(TENANT, "promoting", owner, epoch, Duration.ofMinutes(1)), owner,
                epoch);
    }

    private static void takeOver(UUID releaseId, String owner, long epoch) {
        storage.jdbi.useHandle(handle -> handle.createUpdate(
                        "update release_approval set lease_owner = :owner, lease_epoch = :epoch where release_id = :id")
                .bind("owner", owner).bind("epoch", epoch).bind("id", releaseId).execute());
    }

    /** Whether another connection finds the approval row locked (it does not wait). */
    private static boolean lockedElsewhere(UUID releaseId) {
        try (Handle other = storage.jdbi.open()) {
            other.begin();
            try {
                return other.createQuery("select 1 from release_approval where release_id = :id for update skip locked")
                        .bind("id", releaseId).mapTo(Integer.class).findOne().isEmpty();
            } finally {
                other.rollback();
            }
        }
    }
}
