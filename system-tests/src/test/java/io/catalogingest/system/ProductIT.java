package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.catalogingest.common.upc.Gtin;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Products, artists and assets through the whole pipeline over HTTP: Royalti's create-product form (the seed's own
 * example), UPCs given, allocated and placeholder, format from the tracks, reads, bulk creation and idempotency.
 * Each test works in a workspace (tenant) of its own.
 */
@CatalogInfrastructureTest
class ProductIT {

    private static Pipeline pipeline;
    private static Http http;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate(), Map.of("catalog.gateway.bulk.max-products", "20"));
        http = new Http(pipeline.gatewayUrl());
        // each workspace's own UPC source, set over the API
        Workspaces.addBlock(http, "seed-ws", "0614141", 0, 9999);
        Workspaces.addBlock(http, "placeholder-ws", "0614143", 0, 9999);
        Workspaces.set(http, "placeholder-ws", "auto-upc", false);
        Workspaces.addBlock(http, "tiny-ws", "0614142", 0, 1);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theSeedsOwnExampleCreatesTheProductWithTheArtistsDefaults() {
        String token = Tokens.user("seed-ws");
        createArtist(token, "artist-123", "John Doe", "Indie Records", "2024 John Doe", "Music Publishing Co.");
        createArtist(token, "artist-456", "Jane Smith", "Other Label", "2024 Jane Smith", "Other Publishing");
        createAsset(token, "asset-789", "Summer Vibes", "US-RC1-76-07839", 200);
        createAsset(token, "asset-790", "Summer Vibes (Remix)", "usrc17607840", 185);

        Http.Answer created = http.postForm("/product/", token, seedForm("PROD-001", "123456789012"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode product = created.json();
        assertThat(product.path("id").asString()).isEqualTo("PROD-001");
        assertThat(product.path("upc").asString()).isEqualTo("123456789012");
        assertThat(product.path("format").asString()).isEqualTo("Single");
        assertThat(product.path("label").asString()).isEqualTo("Indie Records");
        assertThat(product.path("copyright").asString()).isEqualTo("2024 John Doe");
        assertThat(product.path("publisher").asString()).isEqualTo("Music Publishing Co.");
        assertThat(product.path("catalogNumber").asString()).isEqualTo("CAT-2024-001");
        assertThat(product.path("version").asString()).isEqualTo("Deluxe Edition");
        assertThat(product.path("releaseDate").asString()).isEqualTo("2024-06-15");
        assertThat(product.path("takedownDate").asString()).isEqualTo("2024-12-31");
        assertThat(product.path("contributors").path("share").asInt()).isEqualTo(50);
        assertThat(product.path("artists").valueStream().map(a -> a.path("id").asString() + "/"
                + a.path("name").asString() + "/" + a.path("type").asString()))
                .containsExactly("artist-123/John Doe/primary", "artist-456/Jane Smith/featuring");
        assertThat(product.path("assets").valueStream().map(a -> a.path("id").asString() + "/"
                + a.path("isrc").asString() + "/" + a.path("number").asInt()))
                .containsExactly("asset-789/USRC17607839/1", "asset-790/USRC17607840/2");
        // the seed sends the deprecated `catalog` too: catalogNumber wins, and the answer says so
        assertThat(created.header("Deprecation")).isEqualTo("true");

        Map<String, String> again = seedForm("PROD-002", null);
        Http.Answer allocated = http.postForm("/product/", token, again);
        assertThat(allocated.status()).as(allocated.text()).isEqualTo(201);
        String upc = allocated.json().path("upc").asString();
        assertThat(Gtin.isValid(upc)).as(upc).isTrue();
        assertThat(upc).startsWith("0614141").isNotEqualTo("123456789012");

        Http.Answer read = http.get("/product/PROD-002", token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("message").asString()).isEqualTo("Product retrieved successfully");
        assertThat(read.json().path("product").path("upc").asString()).isEqualTo(upc);
        assertThat(read.json().path("product").path("label").asString()).isEqualTo("Indie Records");
    }

    @Test
    void theRequestWinsOverTheArtistsDefaults() {
        String token = Tokens.user("defaults-ws");
        createArtist(token, "a-1", "Solo", "Artist Label", "Artist C", "Artist P");

        Http.Answer created = http.postJson("/product", token, Map.of("title", "Own Label", "label", "Mine",
                "artists", List.of(Map.of("id", "a-1", "type", "primary"))));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("label").asString()).isEqualTo("Mine");
        assertThat(created.json().path("copyright").asString()).isEqualTo("Artist C");
        assertThat(created.json().has("format")).isTrue();
        assertThat(created.json().path("format").isNull()).as("no tracks, no format yet").isTrue();
    }

    static Stream<Arguments> fieldLimits() {
        return Stream.of(
                Arguments.of("title", ""),
                Arguments.of("title", "a".repeat(256)),
                Arguments.of("id", "a".repeat(101)),
                Arguments.of("catalogNumber", "a".repeat(101)),
                Arguments.of("catalog", "a".repeat(101)),
                Arguments.of("externalId", "a".repeat(101)),
                Arguments.of("displayArtist", "a".repeat(256)),
                Arguments.of("version", "a".repeat(101)),
                Arguments.of("mainGenre", "a".repeat(101)),
                Arguments.of("subGenre", "a".repeat(101)),
                Arguments.of("type", "Ringtone"),
                Arguments.of("status", "Live"),
                Arguments.of("explicit", "sometimes"),
                Arguments.of("releaseDate", "2024-06-31"),
                Arguments.of("takedownDate", "2024-01-01"),
                Arguments.of("upc", "123456789013"),
                Arguments.of("artists[0]", "{\"id\":\"a\",\"type\":\"guest\"}"),
                Arguments.of("assets[0]", "{\"asset\":\"x\",\"number\":0}"),
                Arguments.of("contributors", "\"just text\""),
                Arguments.of("distribution", "[]"),
                Arguments.of("metadata", "{broken"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldLimits")
    void eachFieldLimitIsAPerField400(String field, String value) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", "Limits");
        form.put("releaseDate", "2024-06-15");
        form.put(field, value);

        Http.Answer refused = http.postForm("/product", Tokens.user("limits-ws"), form);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().path("status").asString()).isEqualTo("error");
        String expected = field.startsWith("artists") ? "artists[0].type"
                : field.startsWith("assets") ? "assets[0].number" : field;
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactly(expected);
    }

    @Test
    void theDeprecatedCatalogAliasIsAcceptedWithADeprecationHeader() {
        String token = Tokens.user("alias-ws");

        Http.Answer created = http.postJson("/product", token, Map.of("title", "Old Client", "catalog", "OLD-77"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("catalogNumber").asString()).isEqualTo("OLD-77");
        assertThat(created.header("Deprecation")).isEqualTo("true");
        Http.Answer modern = http.postJson("/product", token, Map.of("title", "New Client", "catalogNumber", "N-1"));
        assertThat(modern.header("Deprecation")).isNull();
    }

    @Test
    void unknownArtistsAndAssetsAreRefusedPerField() {
        String token = Tokens.user("unknown-ws");
        createArtist(token, "known", "Known", null, null, null);

        Http.Answer refused = http.postJson("/product", token, Map.of("title", "Ghosts",
                "artists", List.of(Map.of("id", "known"), Map.of("id", "ghost", "type", "featuring")),
                "assets", List.of(Map.of("asset", "nothing", "number", 1))));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("artists[1].id", "assets[0].asset");
        // another workspace's artist is unknown here too
        Http.Answer foreign = http.postJson("/product", Tokens.user("unknown-ws-2"), Map.of("title", "Borrowed",
                "artists", List.of(Map.of("id", "known"))));
        assertThat(foreign.status()).isEqualTo(400);
    }

    @Test
    void aUpcIsUniqueAcrossWorkspacesInWhicheverLengthItIsWritten() {
        String token = Tokens.user("dup-ws");
        assertThat(http.postJson("/product", token, Map.of("title", "First", "upc", "036000291452")).status())
                .isEqualTo(201);

        Http.Answer again = http.postJson("/product", token, Map.of("title", "Second", "upc", "0036000291452"));

        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.json().path("errors").get(0).path("field").asString()).isEqualTo("upc");
        Http.Answer elsewhere = http.postJson("/product", Tokens.user("dup-ws-other"), Map.of("title", "Elsewhere",
                "upc", "036000291452"));
        assertThat(elsewhere.status()).as(elsewhere.text()).isEqualTo(409);
        assertThat(elsewhere.json().path("errors").get(0).path("field").asString()).isEqualTo("upc");
        assertThat(elsewhere.text()).as("the holder stays unnamed").doesNotContain("dup-ws\"").doesNotContain("First");
    }

    @Test
    void aWorkspaceWithAutoUpcOffGetsThePlaceholder() {
        Http.Answer created = http.postJson("/product", Tokens.user("placeholder-ws"),
                Map.of("title", "No Barcode", "id", "437307ed-b268-4c1e"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("upc").asString()).isEqualTo("TEMP437307ed-b26");
        assertThat(created.json().path("upcNotice").asString()).contains("auto-upc");
    }

    @Test
    void anExhaustedBlockIsAClearRejection() {
        String token = Tokens.user("tiny-ws");
        List<String> upcs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Http.Answer created = http.postJson("/product", token, Map.of("title", "Tiny " + i));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            upcs.add(created.json().path("upc").asString());
        }
        assertThat(upcs).containsExactly("061414200000" .substring(0, 11) + Gtin.checkDigit("06141420000"),
                "06141420001" + Gtin.checkDigit("06141420001"));

        Http.Answer refused = http.postJson("/product", token, Map.of("title", "Tiny 3"));

        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("upc");
        assertThat(refused.json().path("errors").get(0).path("message").asString()).contains("used up")
                .contains("POST /tenant/upc-blocks");
        // a UPC given by hand still works
        assertThat(http.postJson("/product", token, Map.of("title", "Tiny 4", "upc", "4006381333931")).status())
                .isEqualTo(201);
    }

    @Test
    void theFormatFollowsTheTracksAndIsDecidedAgainWhenTheyAreReplaced() {
        String token = Tokens.user("format-ws");
        for (int i = 1; i <= 7; i++) {
            createAsset(token, "t" + i, "Track " + i, null, 240);
        }
        Http.Answer created = http.postJson("/product", token, Map.of("title", "Growing", "id", "GROW-1",
                "assets", List.of(Map.of("asset", "t2", "number", 2), Map.of("asset", "t1", "number", 1))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("format").asString()).isEqualTo("Single");
        assertThat(created.json().path("assets").valueStream().map(a -> a.path("id").asString()))
                .containsExactly("t1", "t2");

        List<Map<String, Object>> tracks = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            tracks.add(Map.of("asset", "t" + i, "number", i));
        }
        Http.Answer replaced = put("/product/GROW-1/assets", token, Map.of("assets", tracks));
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.json().path("message").asString()).isEqualTo("Assets added to Products");
        assertThat(replaced.json().path("product").path("format").asString()).isEqualTo("Album");
        assertThat(replaced.json().path("product").path("assets").size()).isEqualTo(7);

        Http.Answer four = put("/product/GROW-1/assets", token, Map.of("assets", tracks.subList(0, 4)));
        assertThat(four.json().path("product").path("format").asString()).isEqualTo("EP");

        Http.Answer unknown = put("/product/GROW-1/assets", token, Map.of("assets",
                List.of(Map.of("asset", "nope", "number", 1))));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("assets[0].asset");
        assertThat(put("/product/NOPE/assets", token, Map.of("assets", List.of())).status()).isEqualTo(404);
        assertThat(put("/product/GROW-1/assets", Tokens.user("format-ws-2"), Map.of("assets", List.of())).status())
                .isEqualTo(404);
    }

    @Test
    void theListPagesSortsSearchesAndStaysInTheWorkspace() {
        String token = Tokens.user("list-ws");
        for (String title : List.of("Charlie", "alpha", "Bravo", "100% Pure", "under_score")) {
            assertThat(http.postJson("/product", token, Map.of("title", title, "displayArtist", "Lister"),
                    "Prefer", "respond-async").status()).isEqualTo(202);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> http.get("/product", token).json().path("total").asInt() == 5);

        JsonNode page = http.get("/product?sort=title&order=asc&size=2&page=2", token).json();
        assertThat(page.path("message").asString()).isEqualTo("Products retrieved successfully");
        assertThat(page.path("total").asInt()).isEqualTo(5);
        assertThat(page.path("page").asInt()).isEqualTo(2);
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("products").size()).isEqualTo(2);

        assertThat(titles(http.get("/product?q=%25", token).json())).containsExactly("100% Pure");
        assertThat(titles(http.get("/product?q=_", token).json())).containsExactly("under_score");
        assertThat(titles(http.get("/product?q=ALPHA", token).json())).containsExactly("alpha");
        assertThat(http.get("/product?q=lister&size=100", token).json().path("total").asInt()).isEqualTo(5);
        assertThat(http.get("/product", Tokens.user("list-ws-other")).json().path("total").asInt()).isZero();

        Http.Answer bad = http.get("/product?size=101&sort=password&order=sideways&page=0", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("size", "sort", "order", "page");
    }

    @Test
    void bulkCreationAnswersPerItem() {
        String token = Tokens.user("bulk-ws");
        createArtist(token, "bulk-artist", "Bulk", "Bulk Label", null, null);
        assertThat(http.postJson("/product", token, Map.of("title", "Existing", "upc", "614141000036")).status())
                .isEqualTo(201);

        Http.Answer answer = http.postJson("/product/bulk", token, Map.of("products", List.of(
                Map.of("title", "Product One", "artists", List.of(Map.of("id", "bulk-artist"))),
                Map.of("title", ""),
                Map.of("title", "Product Three", "upc", "614141000036"),
                Map.of("title", "Product Four"),
                Map.of("title", "Product Five", "artists", List.of(Map.of("id", "missing"))))));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        JsonNode body = answer.json();
        assertThat(body.path("message").asString()).isEqualTo("Bulk product creation completed");
        assertThat(body.path("createdProducts").valueStream().map(JsonNode::asString))
                .containsExactly("Product One", "Product Four");
        assertThat(body.path("processedCount").asInt()).isEqualTo(5);
        assertThat(body.path("errors").size()).isEqualTo(3);
        assertThat(body.path("errors").valueStream().map(JsonNode::asString))
                .anyMatch(line -> line.startsWith("Product Three") && line.contains("already exists"));
        assertThat(body.path("results").valueStream().map(r -> r.path("status").asString()))
                .containsExactly("created", "invalid", "rejected", "created", "rejected");
        String id = body.path("results").get(0).path("id").asString();
        assertThat(http.get("/product/" + id, token).json().path("product").path("label").asString())
                .isEqualTo("Bulk Label");

        Map<String, Object> tooMany = Map.of("products", java.util.Collections.nCopies(21, Map.of("title", "x")));
        assertThat(http.postJson("/product/bulk", token, tooMany).status()).isEqualTo(400);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstOutcomeAndRefusesAnotherBody() {
        String token = Tokens.user("idem-ws");
        Map<String, Object> body = Map.of("title", "Once");

        Http.Answer first = http.postJson("/product", token, body, "Idempotency-Key", "key-1");
        Http.Answer retry = http.postJson("/product", token, body, "Idempotency-Key", "key-1");
        Http.Answer other = http.postJson("/product", token, Map.of("title", "Twice"), "Idempotency-Key", "key-1");

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(retry.header("X-Request-Id")).isEqualTo(first.header("X-Request-Id"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(http.get("/product", token).json().path("total").asInt()).isEqualTo(1);

        Map<String, Object> bulk = Map.of("products", List.of(Map.of("title", "B1"), Map.of("title", "B2")));
        Http.Answer bulkFirst = http.postJson("/product/bulk", token, bulk, "Idempotency-Key", "bulk-1");
        Http.Answer bulkRetry = http.postJson("/product/bulk", token, bulk, "Idempotency-Key", "bulk-1");
        assertThat(bulkFirst.status()).as(bulkFirst.text()).isEqualTo(201);
        assertThat(bulkRetry.status()).isEqualTo(201);
        assertThat(bulkRetry.json().path("results").get(1).path("id").asString())
                .isEqualTo(bulkFirst.json().path("results").get(1).path("id").asString());
        assertThat(http.postJson("/product/bulk", token, Map.of("products", List.of(Map.of("title", "B3"))),
                "Idempotency-Key", "bulk-1").status()).isEqualTo(409);
        assertThat(http.get("/product", token).json().path("total").asInt()).isEqualTo(3);

        Map<String, Object> artist = Map.of("name", "Keyed");
        Http.Answer artistFirst = http.postJson("/artist", token, artist, "Idempotency-Key", "artist-1");
        Http.Answer artistRetry = http.postJson("/artist", token, artist, "Idempotency-Key", "artist-1");
        assertThat(artistRetry.status()).isEqualTo(201);
        assertThat(artistRetry.json().path("data").path("id").asString())
                .isEqualTo(artistFirst.json().path("data").path("id").asString());
    }

    @Test
    void artistsAndAssetsAreCreatedAndReadInTheirWorkspace() {
        String token = Tokens.user("entities-ws");

        Http.Answer asset = http.postJson("/asset", token, Map.of("id", "trk-1", "title", "Song",
                "displayArtist", "Singer", "isrc", "gb-aaa-24-00001", "duration", "PT3M45S", "type", "video"));
        assertThat(asset.status()).as(asset.text()).isEqualTo(201);
        assertThat(asset.json().path("success").asBoolean()).isTrue();
        assertThat(asset.json().path("message").asString()).isEqualTo("Asset created successfully");
        assertThat(asset.json().path("data").path("isrc").asString()).isEqualTo("GBAAA2400001");
        assertThat(asset.json().path("data").path("duration").asInt()).isEqualTo(225);
        assertThat(asset.json().path("data").path("type").asString()).isEqualTo("Video");
        assertThat(http.get("/asset/trk-1", token).json().path("data").path("title").asString()).isEqualTo("Song");
        assertThat(http.get("/asset/trk-1", Tokens.user("entities-ws-2")).status()).isEqualTo(404);

        Http.Answer badAsset = http.postJson("/asset", token, Map.of("title", "", "isrc", "US-RC1-76-0783",
                "duration", -3, "type", "Ringtone"));
        assertThat(badAsset.status()).isEqualTo(400);
        assertThat(badAsset.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("title", "displayArtist", "isrc", "duration", "type");
        assertThat(http.postJson("/asset", token, Map.of("id", "trk-1", "title", "Again", "displayArtist", "S"))
                .status()).isEqualTo(409);

        Http.Answer artist = http.postJson("/artist", token, Map.of("id", "art-1", "name", "Singer",
                "label", "L", "copyright", "C", "publisher", "P"));
        assertThat(artist.status()).as(artist.text()).isEqualTo(201);
        assertThat(artist.header("Location")).isEqualTo("/artist/art-1");
        JsonNode read = http.get("/artist/art-1", token).json().path("data");
        assertThat(read.path("name").asString()).isEqualTo("Singer");
        assertThat(read.path("publisher").asString()).isEqualTo("P");
        assertThat(http.postJson("/artist", token, Map.of("id", "art-1", "name", "Twin")).status()).isEqualTo(409);
        assertThat(http.postJson("/artist", token, Map.of("label", "x".repeat(256))).json().path("errors")
                .valueStream().map(e -> e.path("field").asString())).containsExactlyInAnyOrder("name", "label");
    }

    private static List<String> titles(JsonNode page) {
        return page.path("products").valueStream().map(p -> p.path("title").asString()).toList();
    }

    private static Map<String, String> seedForm(String id, String upc) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", "Summer Vibes");
        form.put("id", id);
        if (upc != null) {
            form.put("upc", upc);
        }
        form.put("catalogNumber", "CAT-2024-001");
        form.put("catalog", "<string>");
        form.put("externalId", "EXT-12345");
        form.put("displayArtist", "John Doe feat. Jane Smith");
        form.put("type", "Audio");
        form.put("version", "Deluxe Edition");
        form.put("explicit", "false");
        form.put("releaseDate", "2024-06-15");
        form.put("takedownDate", "2024-12-31");
        form.put("mainGenre", "Pop");
        form.put("subGenre", "Dance Pop");
        form.put("status", "active");
        form.put("distribution", "{}");
        form.put("contributors", "{\n  \"name\": \"<string>\",\n  \"role\": \"<string>\",\n  \"share\": 50\n}");
        form.put("metadata", "{}");
        form.put("artists[0]", "{\n  \"id\": \"artist-123\",\n  \"type\": \"primary\"\n}");
        form.put("artists[1]", "{\n  \"id\": \"artist-456\",\n  \"type\": \"featuring\"\n}");
        form.put("assets[0]", "{\n  \"asset\": \"asset-789\",\n  \"number\": 1\n}");
        form.put("assets[1]", "{\n  \"asset\": \"asset-790\",\n  \"number\": 2\n}");
        return form;
    }

    private static void createArtist(String token, String id, String name, String label, String copyright,
                                     String publisher) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", name);
        body.put("label", label);
        body.put("copyright", copyright);
        body.put("publisher", publisher);
        Http.Answer created = http.postJson("/artist", token, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    private static void createAsset(String token, String id, String title, String isrc, int seconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("title", title);
        body.put("displayArtist", "Someone");
        body.put("isrc", isrc);
        body.put("duration", seconds);
        Http.Answer created = http.postJson("/asset", token, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    private static Http.Answer put(String path, String token, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
