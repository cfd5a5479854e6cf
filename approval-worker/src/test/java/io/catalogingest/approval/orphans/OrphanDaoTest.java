package io.catalogingest.approval.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.ApprovalStorage;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** What owns a temporary object, against real Postgres. */
@CatalogInfrastructureTest
class OrphanDaoTest {

    private static final String TENANT = "tenant-orphans";

    private static ApprovalStorage storage;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        storage = new ApprovalStorage(infrastructure);
    }

    @Test
    void aFileThatWasNotRefusedOrARequestWithoutAnswerOwnsItsObject() {
        UUID releaseId = storage.release(TENANT);
        storage.media(TENANT, releaseId, "registered-key", "registered");
        storage.media(TENANT, releaseId, "promoted-key", "promoted");
        storage.media(TENANT, releaseId, "rejected-key", "rejected");
        storage.request(TENANT, "waiting-key", false);
        storage.request(TENANT, "answered-key", true);

        assertThat(storage.jdbi.onDemand(OrphanDao.class).owned(new String[] {"registered-key", "promoted-key",
                "rejected-key", "waiting-key", "answered-key", "unknown-key"}))
                .containsExactlyInAnyOrder("registered-key", "promoted-key", "waiting-key");
        assertThat(storage.jdbi.onDemand(OrphanDao.class).owned(new String[0])).isEmpty();
    }
}
