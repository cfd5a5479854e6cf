package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.orphans.OrphanSweeper;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;

/**
 * The orphan sweeper never deletes the bytes of an upload whose registration has no outcome yet: the gateway
 * acknowledged the upload (202) and recorded the request, but the ingest-worker has not applied its
 * {@code RegisterMedia} — it is down here, which looks the same to the sweeper as a command waiting out an outage or
 * sitting in the dead-letter topic. An object nothing owns is still removed.
 */
@CatalogInfrastructureTest
class PendingRegistrationSweepIT {

    private static final String TENANT = "tenant-pending-sweep";

    private static Pipeline pipeline;
    private static Isolation isolation;
    private static ApprovalFixtures fixtures;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        pipeline = Pipeline.start(isolation, Map.of("catalog.orphans.enabled", "false",
                "catalog.orphans.min-age", "0s"));
        fixtures = new ApprovalFixtures(infrastructure, isolation, new Http(pipeline.gatewayUrl()));
    }

    @AfterAll
    static void stop() {
        if (fixtures != null) {
            fixtures.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void anUploadWhoseRegistrationIsPendingIsKeptAndAnUnownedObjectIsRemoved() {
        String user = Tokens.user(TENANT);
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Pending", Map.of(), "Only");
        pipeline.ingestWorker().close(); // registrations now stay without an outcome

        Http.Answer accepted = new Http(pipeline.gatewayUrl()).postFile("/releases/" + release.id() + "/media/files",
                user, "files", "cover.png", ApprovalFixtures.png(), "image/png", "Prefer", "respond-async");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String prefix = StorageKeys.releasePrefix(TENANT, release.id());
        assertThat(fixtures.keys(isolation.tempBucket(), prefix)).hasSize(1);
        String uploaded = fixtures.keys(isolation.tempBucket(), prefix).get(0);
        String orphan = prefix + "release/never-registered.bin";
        fixtures.putOrphan(orphan);

        OrphanSweeper.Sweep sweep = pipeline.approvalWorker().getBean(OrphanSweeper.class).sweep();

        assertThat(fixtures.keys(isolation.tempBucket(), prefix)).containsExactly(uploaded);
        assertThat(sweep.removed()).isEqualTo(1);
    }
}
