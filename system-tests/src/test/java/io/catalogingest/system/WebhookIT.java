package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import tools.jackson.databind.JsonNode;

/**
 * Signed webhooks: a receiver this test starts on 127.0.0.1 (allowed here by
 * {@code catalog.webhooks.allow-private-targets}) gets a release's events from draft to completed, in Kafka's order,
 * each signed with the workspace's secret; it fails the first two requests, and the dispatcher retries them with
 * backoff. The delivery log shows it, and a delivery that used up its attempts can be sent again.
 */
@CatalogInfrastructureTest
class WebhookIT {

    private static final String TENANT = "tenant-webhooks";
    private static final Duration WITHIN = Duration.ofSeconds(90);
    /** How old a signature's timestamp may be before the receiver calls it a replay. */
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static Pipeline pipeline;
    private static Http http;
    private static ApprovalFixtures fixtures;
    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /**
     * Attempts the receiver still refuses (with 503), all of one delivery: the first one it gets after
     * {@link #refuseFirstDelivery} (other deliveries, which a dispatcher may send meanwhile, are taken).
     */
    private static final AtomicInteger refuseNext = new AtomicInteger();
    private static volatile String refusedDelivery;

    /** A request the receiver got: its headers of interest, its body, and what it answered. */
    record Received(String signature, String event, String deliveryId, String body, int answered) {

        JsonNode json() {
            return Http.JSON.readTree(body);
        }
    }

    @BeforeAll
    static void start(Infrastructure infrastructure) throws IOException {
        Isolation isolation = infrastructure.isolate();
        pipeline = Pipeline.start(isolation, Map.of("catalog.approval.poll-interval", "1s"));
        pipeline.startWebhookDispatcher(Map.of(
                "catalog.webhooks.allow-private-targets", "true",
                "catalog.webhooks.max-attempts", "3",
                "catalog.webhooks.initial-backoff", "300ms",
                "catalog.webhooks.backoff-multiplier", "2.0",
                "catalog.webhooks.resend-poll-interval", "500ms"));
        http = new Http(pipeline.gatewayUrl());
        fixtures = new ApprovalFixtures(infrastructure, isolation, http);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String deliveryId = exchange.getRequestHeaders().getFirst("X-Catalog-Delivery");
            int status = refuses(deliveryId) ? 503 : 204;
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Catalog-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Catalog-Event"), deliveryId, new String(body, UTF_8),
                    status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        Workspaces.addBlock(http, TENANT, "0614162", 0, 999);
    }

    /** The receiver refuses the next delivery it gets {@code attempts} times, then takes it. */
    private static synchronized void refuseFirstDelivery(int attempts) {
        refusedDelivery = null;
        refuseNext.set(attempts);
    }

    private static synchronized boolean refuses(String deliveryId) {
        if (refuseNext.get() == 0) {
            return false;
        }
        if (refusedDelivery == null) {
            refusedDelivery = deliveryId;
        }
        if (!refusedDelivery.equals(deliveryId)) {
            return false;
        }
        refuseNext.decrementAndGet();
        return true;
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (fixtures != null) {
            fixtures.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aReleaseFromDraftToCompletedArrivesSignedInOrderAfterTwoFailures() throws Exception {
        String admin = Tokens.admin(TENANT);
        String secret = configure(admin);
        received.clear();
        refuseFirstDelivery(2);

        ApprovalFixtures.Release release = fixtures.createRelease(Tokens.user(TENANT), "Hooked Single", Map.of(),
                "One");
        fixtures.uploadThroughGateway(http, admin, release.id(), null, "cover.png", ApprovalFixtures.png(),
                "image/png");
        fixtures.uploadThroughGateway(http, admin, release.id(), release.trackIds().get(0), "one.wav",
                ApprovalFixtures.wav(2), "audio/wav");
        Http.Answer submitted = http.postJson("/releases/" + release.id() + "/submit", admin, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        fixtures.approve(TENANT, release.id());

        await().atMost(WITHIN).until(() -> delivered(release.id()).contains("RELEASE_COMPLETED"));

        // every request the receiver got is signed with the workspace's secret, over the timestamp and the body
        for (Received request : received) {
            assertThat(verify(secret, request)).as(request.event() + " " + request.signature()).isTrue();
            assertThat(request.json().path("tenant").path("id").asString()).isEqualTo(TENANT);
            assertThat(request.json().path("version").asString()).isEqualTo("1.0");
            assertThat(request.json().path("id").asString()).isEqualTo(request.deliveryId()).startsWith("whd_");
        }
        Received tampered = new Received(received.get(0).signature(), received.get(0).event(),
                received.get(0).deliveryId(), received.get(0).body().replace(TENANT, "tenant-other"), 0);
        assertThat(verify(secret, tampered)).as("a changed body does not verify").isFalse();
        assertThat(verify("whsec_not-the-secret", received.get(0))).isFalse();

        // the first delivery failed twice and was taken on its third attempt, announced in its envelope
        List<Received> first = received.stream().filter(request -> request.deliveryId()
                .equals(received.get(0).deliveryId())).toList();
        assertThat(first).extracting(Received::answered).containsExactly(503, 503, 204);
        assertThat(first).extracting(request -> request.json().path("delivery").path("attempt").asInt())
                .containsExactly(1, 2, 3);
        assertThat(first.get(0).json().path("delivery").path("maxAttempts").asInt()).isEqualTo(3);
        assertThat(first.get(0).json().path("delivery").path("nextRetryAt").isString()).isTrue();
        assertThat(first.get(2).json().path("delivery").path("nextRetryAt").isNull()).isTrue();
        assertThat(first.get(0).event()).isEqualTo("RELEASE_CREATED");

        // the release's events arrived once each, in the order they happened
        List<String> events = delivered(release.id());
        assertThat(events).startsWith("RELEASE_CREATED").endsWith("RELEASE_COMPLETED");
        assertThat(events).containsSubsequence("RELEASE_CREATED", "MEDIA_REGISTERED", "MEDIA_REGISTERED",
                "RELEASE_SUBMITTED", "MEDIA_PROMOTED", "MEDIA_PROMOTED", "RELEASE_COMPLETED");
        assertThat(events.lastIndexOf("MEDIA_REGISTERED")).isLessThan(events.indexOf("RELEASE_SUBMITTED"));
        JsonNode completed = lastOf(release.id(), "RELEASE_COMPLETED");
        assertThat(completed.path("data").path("event").path("type").asString())
                .isEqualTo("catalog.release.completed.v1");
        assertThat(completed.path("data").path("attributes").path("releaseId").asString()).isEqualTo(release.id());

        // the delivery log tells the same story
        JsonNode log = http.get("/tenant/webhooks/deliveries?limit=200", admin).json().path("data")
                .path("deliveries");
        JsonNode firstLogged = null;
        for (JsonNode entry : log) {
            if (entry.path("id").asString().equals(first.get(0).deliveryId())) {
                firstLogged = entry;
            }
        }
        assertThat(firstLogged).isNotNull();
        assertThat(firstLogged.path("status").asString()).isEqualTo("success");
        assertThat(firstLogged.path("attempts").asInt()).isEqualTo(3);
        assertThat(firstLogged.path("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(http.get("/tenant/webhooks/deliveries", Tokens.user(TENANT)).status()).isEqualTo(403);
    }

    @Test
    void aDeliveryThatUsedUpItsAttemptsCanBeSentAgain() {
        String admin = Tokens.admin(TENANT);
        configure(admin);
        received.clear();
        refuseFirstDelivery(3);
        ApprovalFixtures.Release release = fixtures.createRelease(Tokens.user(TENANT), "Missed", Map.of(), "One");

        await().atMost(WITHIN).until(() -> failedDelivery(admin, release.id()) != null);
        JsonNode failed = failedDelivery(admin, release.id());
        assertThat(failed.path("attempts").asInt()).isEqualTo(3);
        assertThat(failed.path("lastStatusCode").asInt()).isEqualTo(503);

        Http.Answer again = http.postJson("/tenant/webhooks/deliveries/" + failed.path("id").asString() + "/retry",
                admin, Map.of());
        assertThat(again.status()).as(again.text()).isEqualTo(202);
        await().atMost(WITHIN).until(() -> received.stream().anyMatch(request -> request.answered() == 204
                && request.deliveryId().equals(failed.path("id").asString())));
        Http.Answer twice = http.postJson("/tenant/webhooks/deliveries/" + failed.path("id").asString() + "/retry",
                admin, Map.of());
        assertThat(twice.status()).as("a delivered one is not sent again").isEqualTo(409);
    }

    /** Points the workspace's webhooks at the receiver, turns them on, and takes a new signing secret. */
    private static String configure(String admin) {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        assertThat(http.putJson("/tenant/settings/webhook-url", admin, Map.of("value", url)).status()).isEqualTo(200);
        assertThat(http.putJson("/tenant/settings/webhook-isActive", admin, Map.of("value", "true")).status())
                .isEqualTo(200);
        assertThat(http.putJson("/tenant/settings/webhook-enabledEvents", admin,
                Map.of("value", List.of("RELEASE_*", "MEDIA_*", "PRODUCT_*", "ASSET_*"))).status()).isEqualTo(200);
        Http.Answer secret = http.postJson("/tenant/webhooks/secret", admin, Map.of());
        assertThat(secret.status()).as(secret.text()).isEqualTo(201);
        return secret.json().path("data").path("secret").asString();
    }

    /** The events of a release the receiver took (2xx), in arrival order. */
    private static List<String> delivered(String releaseId) {
        List<String> events = new ArrayList<>();
        for (Received request : received) {
            if (request.answered() / 100 == 2
                    && releaseId.equals(request.json().path("data").path("resource").path("id").asString())) {
                events.add(request.event());
            }
        }
        return events;
    }

    private static JsonNode lastOf(String releaseId, String event) {
        JsonNode found = null;
        for (Received request : received) {
            if (request.event().equals(event)
                    && releaseId.equals(request.json().path("data").path("resource").path("id").asString())) {
                found = request.json();
            }
        }
        return found;
    }

    private static JsonNode failedDelivery(String admin, String releaseId) {
        for (JsonNode entry : http.get("/tenant/webhooks/deliveries?status=failed", admin).json().path("data")
                .path("deliveries")) {
            if (releaseId.equals(entry.path("subject").asString())) {
                return entry;
            }
        }
        return null;
    }

    /** What a receiver does: recompute the HMAC over "t.body", compare in constant time, refuse old timestamps. */
    private static boolean verify(String secret, Received request) throws Exception {
        String timestamp = null;
        String signature = null;
        for (String part : request.signature().split(",")) {
            String[] pair = part.split("=", 2);
            if (pair[0].equals("t")) {
                timestamp = pair[1];
            } else if (pair[0].equals("v1")) {
                signature = pair[1];
            }
        }
        if (timestamp == null || signature == null || Duration.between(
                Instant.ofEpochSecond(Long.parseLong(timestamp)), Instant.now()).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + "." + request.body()).getBytes(UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
    }
}
