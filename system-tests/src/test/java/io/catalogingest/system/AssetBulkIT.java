package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 5: {@code POST /asset/bulk} answers like {@code POST /product/bulk} — every item checked and created
 * on its own through the ingest-worker and reported (created, rejected by the worker, invalid by shape, or pending),
 * the same limits (items, bytes), Idempotency-Key replay, respond-async, workspaces kept apart, and a token without
 * the user role refused.
 */
@CatalogInfrastructureTest
class AssetBulkIT {

    private static final int MAX_ITEMS = 5;
    private static final int MAX_BYTES = 4096;

    private static Pipeline pipeline;
    private static Http http;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate(), Map.of("catalog.gateway.bulk.max-products",
                String.valueOf(MAX_ITEMS), "catalog.gateway.bulk.max-bytes", String.valueOf(MAX_BYTES)));
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void eachAssetIsCreatedOnItsOwnAndReported() {
        String token = Tokens.user("asset-bulk");
        assertThat(http.postJson("/asset", token, Map.of("id", "BULK-TAKEN", "title", "Taken", "displayArtist", "A"))
                .status()).isEqualTo(201);

        Http.Answer answer = http.postJson("/asset/bulk", token, Map.of("assets", List.of(
                asset("BULK-1", "First", "US-RC1-76-07839", 215),
                Map.of("title", "", "displayArtist", "A", "duration", "forever"),
                asset("BULK-TAKEN", "Second", null, 60),
                asset("BULK-2", "Third", null, "PT3M45S"))));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        JsonNode body = answer.json();
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("message").asString()).isEqualTo("Bulk asset creation completed");
        JsonNode data = body.path("data");
        assertThat(data.path("createdAssets").valueStream().map(JsonNode::asString)).containsExactly("First", "Third");
        assertThat(data.path("processedCount").asInt()).isEqualTo(4);
        assertThat(data.path("errors")).hasSize(2);
        assertThat(data.path("errors").get(0).asString()).startsWith("assets[1]: ").contains("title", "duration");
        assertThat(data.path("errors").get(1).asString()).startsWith("Second: id ").contains("already exists");
        JsonNode results = data.path("results");
        assertThat(results.valueStream().map(r -> r.path("status").asString()))
                .containsExactly("created", "invalid", "rejected", "created");
        assertThat(results.valueStream().map(r -> r.path("httpStatus").asInt())).containsExactly(201, 400, 409, 201);
        assertThat(results.get(1).path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly("title", "duration");
        assertThat(results.get(0).path("requestId").asString()).isNotBlank();

        JsonNode first = http.get("/asset/BULK-1", token).json().path("data");
        assertThat(first.path("title").asString()).isEqualTo("First");
        assertThat(first.path("isrc").asString()).isEqualTo("USRC17607839");
        assertThat(first.path("duration").asInt()).isEqualTo(215);
        assertThat(http.get("/asset/BULK-2", token).json().path("data").path("duration").asInt()).isEqualTo(225);
        assertThat(http.get("/asset/BULK-TAKEN", token).json().path("data").path("title").asString())
                .isEqualTo("Taken");
    }

    @Test
    void theLimitsOfProductBulkApply() {
        String token = Tokens.user("asset-bulk-limits");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= MAX_ITEMS; i++) {
            tooMany.add(asset(null, "Track " + i, null, 60));
        }

        Http.Answer many = http.postJson("/asset/bulk", token, Map.of("assets", tooMany));
        assertThat(many.status()).as(many.text()).isEqualTo(400);
        assertThat(many.json().path("errors").get(0).path("field").asString()).isEqualTo("assets");
        assertThat(many.json().path("errors").get(0).path("message").asString()).contains("at most " + MAX_ITEMS);
        assertThat(http.postJson("/asset/bulk", token, Map.of("assets", List.of())).status()).isEqualTo(400);
        assertThat(http.postJson("/asset/bulk", token, Map.of("assets", "BULK")).status()).isEqualTo(400);
        assertThat(http.postJson("/asset/bulk", token, Map.of("products", List.of(asset(null, "x", null, 1))))
                .status()).isEqualTo(400);
        Http.Answer large = http.postJson("/asset/bulk", token, Map.of("assets", List.of(
                asset(null, "t".repeat(200), null, 60), asset(null, "x".repeat(MAX_BYTES), null, 60))));
        assertThat(large.status()).as(large.text()).isEqualTo(413);
        Http.Answer form = http.postForm("/asset/bulk", token, Map.of("assets", "[]"));
        assertThat(form.status()).as(form.text()).isEqualTo(415);
        assertThat(http.get("/asset/bulk", token).status()).as("no asset is called bulk").isEqualTo(404);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstOutcomeAndRefusesAnotherBody() {
        String token = Tokens.user("asset-bulk-keys");
        Map<String, Object> bulk = Map.of("assets", List.of(asset(null, "K1", null, 30), asset(null, "K2", null, 40)));

        Http.Answer first = http.postJson("/asset/bulk", token, bulk, "Idempotency-Key", "asset-bulk-1");
        Http.Answer retry = http.postJson("/asset/bulk", token, bulk, "Idempotency-Key", "asset-bulk-1");

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
        List<String> ids = ids(first);
        assertThat(ids(retry)).as("the same assets, not two more").isEqualTo(ids);
        assertThat(ids).doesNotContainNull().hasSize(2);
        Http.Answer other = http.postJson("/asset/bulk", token, Map.of("assets", List.of(asset(null, "K3", null, 5))),
                "Idempotency-Key", "asset-bulk-1");
        assertThat(other.status()).as(other.text()).isEqualTo(409);
    }

    @Test
    void anAsynchronousBulkNamesWhereEachOutcomeWillBe() {
        String token = Tokens.user("asset-bulk-async");

        Http.Answer answer = http.postJson("/asset/bulk", token, Map.of("assets", List.of(
                asset("ASYNC-1", "Later", null, 30))), "Prefer", "respond-async");

        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        JsonNode item = answer.json().path("data").path("results").get(0);
        assertThat(item.path("status").asString()).isEqualTo("pending");
        String location = item.path("location").asString();
        assertThat(location).startsWith("/requests/");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "succeeded".equals(http.get(location, token).json().path("status").asString()));
        assertThat(http.get("/asset/ASYNC-1", token).status()).isEqualTo(200);
    }

    @Test
    void workspacesAreKeptApartAndAGuestIsRefused() {
        Http.Answer mine = http.postJson("/asset/bulk", Tokens.user("asset-bulk-a"), Map.of("assets",
                List.of(asset("SHARED-ID", "A's", null, 10))));
        Http.Answer theirs = http.postJson("/asset/bulk", Tokens.admin("asset-bulk-b"), Map.of("assets",
                List.of(asset("SHARED-ID", "B's", null, 10))));

        assertThat(mine.status()).as(mine.text()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);
        assertThat(theirs.json().path("data").path("results").get(0).path("status").asString())
                .as("the same id in another workspace is no conflict").isEqualTo("created");
        assertThat(http.get("/asset/SHARED-ID", Tokens.user("asset-bulk-a")).json().path("data").path("title")
                .asString()).isEqualTo("A's");
        assertThat(http.get("/asset/SHARED-ID", Tokens.user("asset-bulk-c")).status()).isEqualTo(404);

        String guest = Tokens.mint("asset-bulk-a", List.of("guest"), Pipeline.AUDIENCE, Instant.now()
                .plusSeconds(600));
        Http.Answer refused = http.postJson("/asset/bulk", guest, Map.of("assets", List.of(asset("GUEST-1", "G",
                null, 10))));
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(http.get("/asset/GUEST-1", Tokens.user("asset-bulk-a")).status()).isEqualTo(404);
    }

    private static Map<String, Object> asset(String id, String title, String isrc, Object duration) {
        Map<String, Object> asset = new LinkedHashMap<>();
        if (id != null) {
            asset.put("id", id);
        }
        asset.put("title", title);
        asset.put("displayArtist", "Bulk Artist");
        if (isrc != null) {
            asset.put("isrc", isrc);
        }
        asset.put("duration", duration);
        return asset;
    }

    private static List<String> ids(Http.Answer answer) {
        return answer.json().path("data").path("results").valueStream().map(r -> r.path("id").asString()).toList();
    }
}
