package io.catalogingest.approval.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.ApprovalStorage;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** A review's writes against real Postgres: the release, its approval, and a promotion per registered file. */
@CatalogInfrastructureTest
class ReviewDaoTest {

    private static final String TENANT = "tenant-reviews";

    private static ApprovalStorage storage;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        storage = new ApprovalStorage(infrastructure);
    }

    @Test
    void anApprovalPlansAPromotionPerRegisteredFileAndAnotherApprovalStartsOver() {
        UUID releaseId = storage.release(TENANT);
        storage.media(TENANT, releaseId, "uploads/a", "registered");
        storage.media(TENANT, releaseId, "uploads/b", "registered");
        storage.media(TENANT, releaseId, "uploads/c", "rejected");
        Instant reviewedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

        int files = storage.jdbi.inTransaction(handle -> {
            ReviewDao reviews = handle.attach(ReviewDao.class);
            Optional<ReleaseStatus> status = reviews.lockStatus(TENANT, releaseId);
            assertThat(status).contains(ReleaseStatus.DRAFT);
            return reviews.approve(TENANT, releaseId, "reviewer", "fine", reviewedAt, UUID.randomUUID(), null);
        });

        assertThat(files).isEqualTo(2);
        assertThat(storage.column("release", "id", releaseId, "status")).isEqualTo("approved");
        assertThat(storage.column("release", "id", releaseId, "auto_creation_status")).isEqualTo("pending");
        assertThat(storage.column("release_approval", "release_id", releaseId, "stage")).isEqualTo("promoting");
        String product = storage.column("release_approval", "release_id", releaseId, "product_id");

        storage.jdbi.useHandle(handle -> handle.execute(
                "update release_approval set stage = 'failed', attempts = 3 where release_id = ?", releaseId));
        int again = storage.jdbi.inTransaction(handle -> handle.attach(ReviewDao.class)
                .approve(TENANT, releaseId, "reviewer", null, reviewedAt, UUID.randomUUID(), null));
        assertThat(again).isEqualTo(2);
        assertThat(storage.column("release_approval", "release_id", releaseId, "stage")).isEqualTo("promoting");
        assertThat(storage.column("release_approval", "release_id", releaseId, "attempts")).isEqualTo("0");
        assertThat(storage.column("release_approval", "release_id", releaseId, "product_id"))
                .as("a new product id").isNotEqualTo(product);
    }

    @Test
    void aRejectionKeepsTheFilesAndCountsThem() {
        UUID releaseId = storage.release(TENANT);
        storage.media(TENANT, releaseId, "uploads/a", "registered");

        int files = storage.jdbi.inTransaction(handle -> handle.attach(ReviewDao.class)
                .reject(TENANT, releaseId, "reviewer", "no", Instant.now()));

        assertThat(files).isEqualTo(1);
        assertThat(storage.column("release", "id", releaseId, "status")).isEqualTo("rejected");
        assertThat(storage.column("release", "id", releaseId, "feedback")).isEqualTo("no");
        Optional<ReleaseStatus> otherTenants = storage.jdbi.inTransaction(handle ->
                handle.attach(ReviewDao.class).lockStatus("other", releaseId));
        assertThat(otherTenants).isEmpty();
    }
}
