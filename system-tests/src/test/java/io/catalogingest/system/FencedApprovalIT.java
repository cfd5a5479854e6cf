package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.catalogingest.approval.promotion.PromotionFaults;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Issue 11, item 5: approval drivers are fenced. Approval-worker A is paused in the middle of a promotion (a test hook
 * holds it after one copy, as a SIGSTOP would), its lease runs out, and approval-worker B takes the release over (a new
 * lease epoch) and finishes it. When A resumes, every write it tries is refused: it announces no file a second time,
 * sends no second CreateProductFromRelease, records no failure; the release stays completed with one product.
 */
@CatalogInfrastructureTest
class FencedApprovalIT {

    private static final String TENANT = "tenant-fenced";
    private static final Duration WITHIN = Duration.ofSeconds(90);

    private static Pipeline pipeline;
    private static Isolation isolation;
    private static ApprovalFixtures fixtures;
    private static Map<String, Object> healthy;
    private static ConfigurableApplicationContext paused;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        healthy = new HashMap<>();
        healthy.put("catalog.approval.poll-interval", "500ms");
        healthy.put("catalog.approval.lease", "3s");
        healthy.put("catalog.approval.retry-initial", "200ms");
        healthy.put("catalog.approval.retry-max", "1s");
        healthy.put("catalog.orphans.enabled", "false");
        Map<String, Object> holding = new HashMap<>(healthy);
        holding.put("catalog.promotion.hold-after-copy", "1");
        pipeline = Pipeline.start(isolation, holding);
        fixtures = new ApprovalFixtures(infrastructure, isolation, new Http(pipeline.gatewayUrl()));
    }

    @AfterAll
    static void stop() {
        if (fixtures != null) {
            fixtures.close();
        }
        if (paused != null) {
            paused.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aDriverPausedPastItsLeaseWritesNothingOnceAnotherTookTheReleaseOver() throws Exception {
        String user = Tokens.user(TENANT);
        Http http = new Http(pipeline.gatewayUrl());
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Fenced Single", Map.of(), "One", "Two");
        fixtures.upload(TENANT, release.id(), null, "cover.png", ApprovalFixtures.png(), "image/png");
        fixtures.upload(TENANT, release.id(), release.trackIds().get(0), "one.wav", ApprovalFixtures.wav(2),
                "audio/wav");
        fixtures.upload(TENANT, release.id(), release.trackIds().get(1), "two.wav", ApprovalFixtures.wav(3),
                "audio/wav");
        Http.Answer submitted = http.postJson("/releases/" + release.id() + "/submit", user, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);

        fixtures.approve(TENANT, release.id());

        // A copies a file and is held there, before recording it; its lease (3 s) runs out
        paused = pipeline.approvalWorker();
        PromotionFaults hold = paused.getBean(PromotionFaults.class);
        assertThat(hold.awaitHeld(WITHIN)).isTrue();

        // B takes the release over and finishes it
        pipeline.startApprovalWorker(healthy);
        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed"));
        assertThat(fixtures.count("select lease_epoch from release_approval where release_id = cast(? as uuid)",
                release.id())).isGreaterThanOrEqualTo(2);

        // A resumes: every write it tries is refused
        hold.resume();
        MeterRegistry metersOfA = paused.getBean(MeterRegistry.class);
        await().atMost(WITHIN).until(() -> metersOfA.get("catalog.approval.leases.lost").counter().count() >= 1);

        assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed");
        assertThat(fixtures.queryString("select stage from release_approval where release_id = cast(? as uuid)",
                release.id())).isEqualTo("completed");
        assertThat(fixtures.queryString("select auto_creation_status from release where id = cast(? as uuid)",
                release.id())).isEqualTo("success");
        assertThat(fixtures.count("select count(*) from media_promotion where release_id = cast(? as uuid) "
                + "and last_error is not null", release.id())).as("A recorded no failure").isZero();
        assertThat(fixtures.events(Topics.RELEASE_EVENTS, PromotionMessages.MEDIA_PROMOTED.id(), release.id()))
                .as("no file announced twice").hasSize(3);
        String productId = fixtures.queryString("select product_id from release_approval where release_id = "
                + "cast(? as uuid)", release.id());
        assertThat(fixtures.events(Topics.CATALOG_COMMANDS, PromotionMessages.CREATE_PRODUCT_FROM_RELEASE.id(),
                productId)).as("one CreateProductFromRelease").hasSize(1);
        assertThat(fixtures.count("select count(*) from product where tenant_id = ?", TENANT)).isEqualTo(1);
        String prefix = StorageKeys.releasePrefix(TENANT, release.id());
        assertThat(fixtures.keys(isolation.tempBucket(), prefix)).isEmpty();
        assertThat(fixtures.keys(isolation.mediaBucket(), prefix)).hasSize(3);
    }
}
