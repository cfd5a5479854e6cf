package io.catalogingest.approval.autocreation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.ApprovalStorage;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The end of an approval against real Postgres: each happens once. */
@CatalogInfrastructureTest
class CompletionDaoTest {

    private static final String TENANT = "tenant-completion";

    private static ApprovalStorage storage;
    private static CompletionDao completion;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        storage = new ApprovalStorage(infrastructure);
        completion = storage.jdbi.onDemand(CompletionDao.class);
    }

    @Test
    void anApprovedReleaseIsCompletedOnce() {
        UUID releaseId = approved();

        String command = storage.column("release_approval", "release_id", releaseId, "command_id");

        assertThat(completion.completedAt(TENANT, releaseId)).isEmpty();
        assertThat(completion.completedCommand(TENANT, releaseId, "product")).isEmpty();
        assertThat(completion.finishCompleted(TENANT, releaseId, "an earlier approval's product"))
                .as("a late answer to an approval reverted since").isEmpty();
        assertThat(completion.finishCompleted(TENANT, releaseId, "product")).as("the approval's command, for the event id")
                .contains(UUID.fromString(command));
        Optional<Instant> completed = completion.complete(TENANT, releaseId, "product-1");
        assertThat(completed).isPresent();
        assertThat(completion.finishCompleted(TENANT, releaseId, "product")).as("finished already").isEmpty();
        assertThat(completion.completedCommand(TENANT, releaseId, "product")).contains(UUID.fromString(command));
        assertThat(completion.completedCommand(TENANT, releaseId, "product-2")).isEmpty();
        assertThat(completion.complete(TENANT, releaseId, "product-2")).as("no longer approved").isEmpty();
        assertThat(completion.completedAt(TENANT, releaseId)).isEqualTo(completed);
        assertThat(storage.column("release", "id", releaseId, "created_product_id")).isEqualTo("product-1");
        assertThat(storage.column("release", "id", releaseId, "auto_creation_status")).isEqualTo("success");
        assertThat(completion.finishFailed(TENANT, releaseId, null, "late")).isEmpty();
    }

    @Test
    void aFailedAutoCreationLeavesTheReleaseApprovedWithTheReason() {
        UUID releaseId = approved();

        String command = storage.column("release_approval", "release_id", releaseId, "command_id");

        assertThat(completion.finishFailed("another-tenant", releaseId, null, "boom")).isEmpty();
        assertThat(completion.finishFailed(TENANT, releaseId, "an earlier approval's product", "boom"))
                .as("a late answer to an approval reverted since").isEmpty();
        assertThat(completion.finishFailed(TENANT, releaseId, "product", "boom")).contains(UUID.fromString(command));
        completion.autoCreationFailed(TENANT, releaseId, "boom");

        assertThat(storage.column("release_approval", "release_id", releaseId, "stage")).isEqualTo("failed");
        assertThat(storage.column("release", "id", releaseId, "status")).isEqualTo("approved");
        assertThat(storage.column("release", "id", releaseId, "auto_creation_status")).isEqualTo("failed");
        assertThat(storage.column("release", "id", releaseId, "auto_creation_error")).isEqualTo("boom");
        assertThat(completion.finishCompleted(TENANT, releaseId, "product")).isEmpty();
    }

    private static UUID approved() {
        UUID releaseId = storage.approval(TENANT, "creating", "driver", 1, null);
        storage.jdbi.useHandle(handle -> handle.execute(
                "update release set status = 'approved', auto_creation_status = 'pending' where id = ?", releaseId));
        return releaseId;
    }
}
