package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.orphans.OrphanSweeper;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Promotion survives a failure between copy and delete and a restart of the approval-worker (DESIGN.md invariants 3
 * and 5), copies large objects with a server-side multipart copy (threshold lowered to 5 MiB for the test), and the
 * orphan sweep removes only what no media row owns.
 */
@CatalogInfrastructureTest
class PromotionRecoveryIT {

    private static final String TENANT = "tenant-promotion";
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static Pipeline pipeline;
    private static Isolation isolation;
    private static ApprovalFixtures fixtures;
    private static Map<String, Object> approvalProperties;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        approvalProperties = new HashMap<>();
        approvalProperties.put("catalog.approval.poll-interval", "1s");
        approvalProperties.put("catalog.approval.retry-initial", "200ms");
        approvalProperties.put("catalog.approval.retry-max", "1s");
        approvalProperties.put("catalog.promotion.multipart-threshold", "5MB");
        approvalProperties.put("catalog.promotion.part-size", "5MB");
        approvalProperties.put("catalog.orphans.enabled", "false");
        approvalProperties.put("catalog.orphans.min-age", "0s");
        Map<String, Object> failing = new HashMap<>(approvalProperties);
        // every deletion of a temporary object fails once its copy is verified, until the worker is replaced
        failing.put("catalog.promotion.fail-deletes", "1000000");
        failing.put("catalog.orphans.dry-run", "true");
        pipeline = Pipeline.start(isolation, failing);
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
    void failureBetweenCopyAndDeleteThenRestartPromotesEveryFileExactlyOnce() {
        String user = Tokens.user(TENANT);
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Crash Test", Map.of(), "Long", "Short");
        String artwork = fixtures.upload(TENANT, release.id(), null, "cover.png", ApprovalFixtures.png(), "image/png");
        // 72 s of CD audio: 12.7 MB, through the gateway: a multipart upload, so the temporary object carries no
        // sha256 metadata (only the media row has the hash); above the lowered threshold: copied as 3 ranges of at
        // most 5 MiB, and the permanent copy is stamped with the row's hash
        byte[] longWav = ApprovalFixtures.wav(72);
        String big = fixtures.uploadThroughGateway(new Http(pipeline.gatewayUrl()), user, release.id(),
                release.trackIds().get(0), "long.wav", longWav, "audio/wav");
        assertThat(fixtures.userMetadata(isolation.tempBucket(), fixtures.uploadKeyOf(big))).doesNotContainKey("sha256");
        String small = fixtures.upload(TENANT, release.id(), release.trackIds().get(1), "short.wav",
                ApprovalFixtures.wav(2), "audio/wav");
        List<String> keys = List.of(artwork, big, small);
        List<String> uploads = keys.stream().map(fixtures::uploadKeyOf).toList();
        String orphan = TENANT + "/releases/" + release.id() + "/release/never-registered.bin";
        fixtures.putOrphan(orphan);
        Http.Answer submitted = new Http(pipeline.gatewayUrl()).postJson("/releases/" + release.id() + "/submit",
                user, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);

        fixtures.approve(TENANT, release.id());

        // copied and verified (the rows point to the permanent bucket), but every delete fails: nothing lost
        String prefix = StorageKeys.releasePrefix(TENANT, release.id());
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(fixtures.keys(isolation.mediaBucket(), prefix)).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(fixtures.count("select count(*) from media_promotion where release_id = cast(? as uuid) "
                    + "and verified_at is not null and last_error like '%injected%'", release.id())).isEqualTo(3);
        });
        assertThat(fixtures.keys(isolation.tempBucket(), prefix)).containsAll(uploads);
        assertThat(fixtures.releaseStatus(release.id())).isEqualTo("approved");
        assertThat(fixtures.queryString("select method from media_promotion where object_key = ?", big))
                .isEqualTo("multipart");
        assertThat(fixtures.queryString("select method from media_promotion where object_key = ?", small))
                .isEqualTo("copy");

        // a dry run counts the orphan (and the leftovers of the verified files) but removes nothing
        OrphanSweeper.Sweep dryRun = pipeline.approvalWorker().getBean(OrphanSweeper.class).sweep();
        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.orphans()).isGreaterThanOrEqualTo(1);
        assertThat(dryRun.removed()).isZero();
        assertThat(fixtures.keys(isolation.tempBucket(), orphan)).containsExactly(orphan);

        // stop the approval-worker and start a healthy one: it finds the unfinished approval and finishes it
        pipeline.approvalWorker().close();
        pipeline.startApprovalWorker(approvalProperties);

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed");
            assertThat(fixtures.keys(isolation.tempBucket(), prefix)).containsExactly(orphan);
        });
        assertThat(fixtures.keys(isolation.mediaBucket(), prefix)).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(fixtures.userMetadata(isolation.mediaBucket(), big))
                .containsEntry("sha256", ApprovalFixtures.sha256(longWav));
        assertThat(fixtures.count("select count(*) from product where tenant_id = ?", TENANT)).isEqualTo(1);
        assertThat(fixtures.count("select count(*) from media where release_id = cast(? as uuid) "
                + "and status = 'promoted' and bucket = ?", release.id(), isolation.mediaBucket())).isEqualTo(3);
        assertThat(fixtures.events(Topics.RELEASE_EVENTS, "catalog.media.promoted.v1", release.id())
                .stream().map(record -> ApprovalFixtures.header(record, "ce_id")).distinct()).hasSize(3);

        // the real sweep removes the orphan and nothing else
        OrphanSweeper.Sweep sweep = pipeline.approvalWorker().getBean(OrphanSweeper.class).sweep();
        assertThat(sweep.removed()).isEqualTo(1);
        assertThat(fixtures.keys(isolation.tempBucket(), prefix)).isEmpty();
        assertThat(fixtures.keys(isolation.mediaBucket(), prefix)).hasSize(3);
        MeterRegistry meters = pipeline.approvalWorker().getBean(MeterRegistry.class);
        assertThat(meters.get("catalog.orphans.removed").counter().count()).isEqualTo(1.0);
    }
}
