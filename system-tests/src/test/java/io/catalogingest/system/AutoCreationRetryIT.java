package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 3 (retry, ADR 0021): an approved release whose auto-creation failed (the workspace's UPC block is
 * used up) is retried by an admin once a new block is added, and completes with its product; the refusals: not
 * failed (400 naming the status), not an admin (403), another workspace (404), and Idempotency-Key replay. A retry
 * that fails again (the block is still used up) is announced with an event id of its own, so a consumer that dedupes
 * on ce_id (the webhook-dispatcher) sees both failures.
 */
@CatalogInfrastructureTest
class AutoCreationRetryIT {

    private static final String TENANT = "retry-ws";
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String FAILED = PromotionMessages.AUTO_CREATION_FAILED.id();

    private static Pipeline pipeline;
    private static Http http;
    private static ApprovalFixtures fixtures;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        Isolation isolation = infrastructure.isolate();
        pipeline = Pipeline.start(isolation);
        http = new Http(pipeline.gatewayUrl());
        fixtures = new ApprovalFixtures(infrastructure, isolation, http);
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
    void aFailedAutoCreationIsRetriedOnceItsCauseIsFixed() {
        String user = Tokens.user(TENANT);
        String admin = Tokens.admin(TENANT);
        Workspaces.addBlock(http, TENANT, "0712345", 0, 0);
        assertThat(http.postJson("/product", user, Map.of("title", "Takes the only UPC")).status()).isEqualTo(201);
        String id = release(user);
        String path = "/releases/" + id + "/retry-auto-creation";

        Http.Answer notYet = http.postJson(path, admin, Map.of());
        assertThat(notYet.status()).as(notYet.text()).isEqualTo(400);
        assertThat(notYet.json().path("message").asString()).contains("'draft'");

        assertThat(http.postJson("/releases/" + id + "/submit", user, Map.of()).status()).isEqualTo(200);
        Http.Answer approved = http.postJson("/releases/" + id + "/review", admin, Map.of("action", "approve"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode release = read(id, user);
            assertThat(release.path("status").asString()).isEqualTo("approved");
            assertThat(release.path("autoCreationStatus").asString()).isEqualTo("failed");
            assertThat(release.path("autoCreationError").asString()).containsIgnoringCase("upc");
        });

        assertThat(http.postJson(path, user, Map.of()).status()).as("not an admin").isEqualTo(403);
        assertThat(http.postJson(path, Tokens.admin("retry-ws-other"), Map.of()).status()).isEqualTo(404);

        // retried before its cause is fixed: it fails again, announced with a new event id
        assertThat(http.postJson(path, admin, Map.of()).status()).isEqualTo(200);
        await().atMost(WITHIN).untilAsserted(() -> {
            List<String> failures = fixtures.events(Topics.RELEASE_EVENTS, FAILED, id).stream()
                    .map(record -> ApprovalFixtures.header(record, "ce_id")).toList();
            assertThat(failures).hasSize(2).doesNotHaveDuplicates();
            assertThat(read(id, user).path("autoCreationStatus").asString()).isEqualTo("failed");
        });

        Workspaces.addBlock(http, TENANT, "0712346", 0, 9);
        Http.Answer retried = http.postJson(path, admin, Map.of(), "Idempotency-Key", "retry-" + id);

        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().path("data").path("status").asString()).isIn("approved", "completed");
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode release = read(id, user);
            assertThat(release.path("status").asString()).isEqualTo("completed");
            assertThat(release.path("autoCreationStatus").asString()).isEqualTo("success");
            assertThat(release.path("createdProductId").asString()).isNotBlank();
        });
        String productId = read(id, user).path("createdProductId").asString();
        JsonNode product = http.get("/product/" + productId, user).json().path("product");
        assertThat(product.path("upc").asString()).startsWith("0712346");

        // a retry with the same key answers the first outcome; without it, a completed release is refused
        Http.Answer replay = http.postJson(path, admin, Map.of(), "Idempotency-Key", "retry-" + id);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.header("X-Request-Id")).isEqualTo(retried.header("X-Request-Id"));
        Http.Answer again = http.postJson(path, admin, Map.of());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("message").asString()).contains("'completed'");
    }

    private static String release(String token) {
        Http.Answer created = http.postJson("/releases", token, Map.of("title", "Retry Me", "displayArtist", "Retry",
                "artists", Map.of("Retry", "primary"), "type", "Audio", "tracks", List.of(Map.of("title", "One"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("data").path("id").asString();
    }

    private static JsonNode read(String id, String token) {
        return http.get("/releases/" + id, token).json().path("data");
    }
}
