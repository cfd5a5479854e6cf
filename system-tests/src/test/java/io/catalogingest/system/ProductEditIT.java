package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.upc.Gtin;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 5 end to end: {@code PUT /product/{id}} (partial; the format decided again when the tracks change; a
 * UPC that is set is immutable, a TEMP placeholder may get a real one under the creation's checks) and
 * {@code DELETE /product/{id}} (soft: the product is gone from reads and lists, its id and UPC stay spent) — each
 * through the ingest-worker, with its refusals: shape (400 per field), the worker's checks (400/409), another
 * workspace (404), a token without the user role (403), and Idempotency-Key replay.
 */
@CatalogInfrastructureTest
class ProductEditIT {

    private static final String TENANT = "product-edit";
    private static final String PLACEHOLDERS = "product-edit-temp";
    /** A long album: its track list replaced whole, then shrunk, must keep every row and the format in step. */
    private static final int ALBUM_TRACKS = 40;
    private static final String PREFIX = "0614151";

    private static Pipeline pipeline;
    private static Http http;
    private static ApprovalFixtures fixtures;
    private static Jdbi jdbi;

    private final String user = Tokens.user(TENANT);

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
        fixtures = new ApprovalFixtures(infrastructure, pipeline.isolation(), http);
        jdbi = pipeline.gateway().getBean(Jdbi.class);
        Workspaces.addBlock(http, TENANT, PREFIX, 0, 9999);
        Workspaces.set(http, PLACEHOLDERS, "auto-upc", false);
        String token = Tokens.user(TENANT);
        created(http.postJson("/artist", token, Map.of("id", "edit-artist", "name", "Editor", "label", "Edit Label")));
        created(http.postJson("/artist", token, Map.of("id", "edit-guest", "name", "Guest")));
        for (int i = 1; i <= ALBUM_TRACKS; i++) {
            created(http.postJson("/asset", token, Map.of("id", "edit-t" + i, "title", "Track " + i,
                    "displayArtist", "Editor", "duration", 240)));
        }
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
    void putChangesOnlyTheGivenFieldsAndAnnouncesThem() {
        JsonNode product = create(user, Map.of("title", "Before", "id", "EDIT-1", "version", "Original",
                "releaseDate", "2026-01-10", "artists", List.of(Map.of("id", "edit-artist")),
                "metadata", Map.of("keep", "me", "note", "old")));

        Http.Answer updated = http.putJson("/product/EDIT-1", user, Map.of("title", "After", "status", "inactive",
                "metadata", Map.of("note", "new"), "artists", List.of(Map.of("id", "edit-guest", "type", "featuring"),
                        Map.of("id", "edit-artist"))));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().path("message").asString()).isEqualTo("Product updated successfully");
        assertThat(updated.header("Location")).isEqualTo("/product/EDIT-1");
        assertThat(updated.header("X-Request-Id")).isNotBlank();
        JsonNode after = updated.json().path("product");
        assertThat(after.path("title").asString()).isEqualTo("After");
        assertThat(after.path("status").asString()).isEqualTo("inactive");
        assertThat(after.path("metadata").path("note").asString()).isEqualTo("new");
        assertThat(after.path("metadata").path("keep").asString()).as("metadata is merged").isEqualTo("me");
        assertThat(after.path("artists").valueStream().map(a -> a.path("id").asString() + ":" + a.path("type")
                .asString())).containsExactly("edit-guest:featuring", "edit-artist:primary");
        // untouched
        assertThat(after.path("version").asString()).isEqualTo("Original");
        assertThat(after.path("releaseDate").asString()).isEqualTo("2026-01-10");
        assertThat(after.path("label").asString()).isEqualTo("Edit Label");
        assertThat(after.path("upc").asString()).isEqualTo(product.path("upc").asString());
        assertThat(http.get("/product/EDIT-1", user).json().path("product").path("title").asString())
                .isEqualTo("After");

        JsonNode event = ApprovalFixtures.value(events("catalog.product.updated.v1", "EDIT-1", 1).get(0));
        assertThat(event.path("changed").valueStream().map(JsonNode::asString))
                .containsExactly("title", "status", "artists", "metadata");
        assertThat(event.path("upc").asString()).isEqualTo(product.path("upc").asString());
    }

    @Test
    void theFormatIsDecidedAgainWhenTheTracksChange() {
        JsonNode product = create(user, Map.of("title", "Growing", "id", "EDIT-FORMAT",
                "assets", List.of(Map.of("asset", "edit-t1", "number", 1))));
        assertThat(product.path("format").asString()).isEqualTo("Single");

        Http.Answer longAlbum = http.putJson("/product/EDIT-FORMAT", user, Map.of("assets", tracks(ALBUM_TRACKS)));
        assertThat(longAlbum.status()).as(longAlbum.text()).isEqualTo(200);
        assertThat(longAlbum.json().path("product").path("format").asString()).isEqualTo("Album");
        assertThat(longAlbum.json().path("product").path("assets")).hasSize(ALBUM_TRACKS);

        Http.Answer album = http.putJson("/product/EDIT-FORMAT", user, Map.of("assets", tracks(7)));
        assertThat(album.status()).as(album.text()).isEqualTo(200);
        assertThat(album.json().path("product").path("format").asString()).isEqualTo("Album");
        assertThat(album.json().path("product").path("assets")).hasSize(7);

        Http.Answer ep = http.putJson("/product/EDIT-FORMAT", user, Map.of("assets", tracks(4), "title", "Shrunk"));
        assertThat(ep.json().path("product").path("format").asString()).isEqualTo("EP");

        Http.Answer titleOnly = http.putJson("/product/EDIT-FORMAT", user, Map.of("title", "Renamed"));
        assertThat(titleOnly.json().path("product").path("format").asString()).as("no tracks given, none changed")
                .isEqualTo("EP");
        assertThat(titleOnly.json().path("product").path("assets")).hasSize(4);

        Http.Answer none = http.putJson("/product/EDIT-FORMAT", user, Map.of("assets", List.of()));
        assertThat(none.status()).as(none.text()).isEqualTo(200);
        assertThat(none.json().path("product").path("format").isNull()).as("no tracks, no format").isTrue();
    }

    @Test
    void aPutAsAFormIsReadLikeTheCreateForm() {
        create(user, Map.of("title", "Formed", "id", "EDIT-FORM"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", "Formed Again");
        form.put("catalog", "CAT-FORM");
        form.put("assets[0]", "{\"asset\": \"edit-t1\", \"number\": 1}");
        form.put("assets[1]", "{\"asset\": \"edit-t2\", \"number\": 2}");

        Http.Answer updated = putForm("/product/EDIT-FORM", user, form);

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.header("Deprecation")).as("catalog is the deprecated alias").isEqualTo("true");
        JsonNode product = updated.json().path("product");
        assertThat(product.path("title").asString()).isEqualTo("Formed Again");
        assertThat(product.path("catalogNumber").asString()).isEqualTo("CAT-FORM");
        assertThat(product.path("assets")).hasSize(2);
        assertThat(product.path("format").asString()).isEqualTo("Single");
    }

    @Test
    void putRefusesEveryBadFieldAndChangesNothing() {
        create(user, Map.of("title", "Steady", "id", "EDIT-BAD", "releaseDate", "2026-03-01"));
        String before = http.get("/product/EDIT-BAD", user).json().path("product").toString();

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("title", "");
        bad.put("id", "ANOTHER-ID");
        bad.put("upc", "123456789013");
        bad.put("type", "Vinyl");
        bad.put("status", "live");
        bad.put("explicit", "maybe");
        bad.put("releaseDate", "03/01/2026");
        bad.put("version", "v".repeat(101));
        bad.put("artists", "edit-artist");
        bad.put("assets", List.of(Map.of("asset", "edit-t1", "number", 1), Map.of("asset", "edit-t2", "number", 1)));
        bad.put("hostile", true);
        Http.Answer refused = http.putJson("/product/EDIT-BAD", user, bad);

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().path("status").asString()).isEqualTo("error");
        assertThat(fields(refused)).contains("title", "id", "upc", "type", "status", "explicit", "releaseDate",
                "version", "artists", "assets[1].number", "hostile");
        Http.Answer empty = http.putJson("/product/EDIT-BAD", user, Map.of());
        assertThat(empty.status()).as("a body that changes nothing").isEqualTo(400);
        assertThat(http.putJson("/product/EDIT-BAD", user, "[1, 2]").status()).isEqualTo(400);
        // the worker's checks: references in this workspace, the takedown date against the stored release date
        Http.Answer unknown = http.putJson("/product/EDIT-BAD", user, Map.of("artists", List.of(Map.of("id", "nobody")),
                "assets", List.of(Map.of("asset", "no-track"))));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("artists[0].id", "assets[0].asset");
        Http.Answer dates = http.putJson("/product/EDIT-BAD", user, Map.of("takedownDate", "2026-02-01"));
        assertThat(dates.status()).as(dates.text()).isEqualTo(400);
        assertThat(fields(dates)).containsExactly("takedownDate");
        assertThat(http.get("/product/EDIT-BAD", user).json().path("product").toString()).isEqualTo(before);
    }

    @Test
    void aUpcThatIsSetCannotChange() {
        JsonNode product = create(user, Map.of("title", "Numbered", "id", "EDIT-UPC"));
        String upc = product.path("upc").asString();
        assertThat(upc).startsWith(PREFIX);

        Http.Answer changed = http.putJson("/product/EDIT-UPC", user, Map.of("upc", "4006381333931"));

        assertThat(changed.status()).as(changed.text()).isEqualTo(400);
        assertThat(changed.json().path("errors").get(0).path("field").asString()).isEqualTo("upc");
        assertThat(changed.json().path("errors").get(0).path("message").asString()).contains("immutable")
                .contains(upc);
        Http.Answer same = http.putJson("/product/EDIT-UPC", user, Map.of("upc", "0" + upc, "title", "Same UPC"));
        assertThat(same.status()).as("the same number, in its other length: " + same.text()).isEqualTo(200);
        assertThat(same.json().path("product").path("upc").asString()).isEqualTo(upc);
    }

    @Test
    void aPlaceholderUpcGetsARealOneUnderTheCreationsChecks() {
        String token = Tokens.user(PLACEHOLDERS);
        JsonNode product = create(token, Map.of("title", "Unnumbered", "id", "EDIT-TEMP-1"));
        assertThat(product.path("upc").asString()).startsWith("TEMP");
        create(Tokens.user("product-edit-holder"), Map.of("title", "Holder", "upc", "036000291452"));

        Http.Answer invalid = http.putJson("/product/EDIT-TEMP-1", token, Map.of("upc", "036000291453"));
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(400);
        assertThat(fields(invalid)).containsExactly("upc");
        Http.Answer held = http.putJson("/product/EDIT-TEMP-1", token, Map.of("upc", "0036000291452"));
        assertThat(held.status()).as("another workspace's product holds it: " + held.text()).isEqualTo(409);
        assertThat(fields(held)).containsExactly("upc");
        assertThat(held.text()).as("the holder stays unnamed").doesNotContain("Holder", "product-edit-holder");

        Http.Answer set = http.putJson("/product/EDIT-TEMP-1", token, Map.of("upc", "4006381333931"));
        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(set.json().path("product").path("upc").asString()).isEqualTo("4006381333931");
        assertThat(set.json().path("product").has("upcNotice")).as("the placeholder's notice is gone").isFalse();
        Http.Answer again = http.putJson("/product/EDIT-TEMP-1", token, Map.of("upc", "4012345678901"));
        assertThat(again.status()).as("now it is set: " + again.text()).isEqualTo(400);
        Http.Answer taken = http.postJson("/product", Tokens.user("product-edit-holder"),
                Map.of("title", "Too late", "upc", "4006381333931"));
        assertThat(taken.status()).as("the number is held now: " + taken.text()).isEqualTo(409);
    }

    @Test
    void deleteIsSoftAndReleasesNeitherTheIdNorTheUpc() {
        JsonNode product = create(user, Map.of("title", "Doomed", "id", "EDIT-DEL",
                "assets", List.of(Map.of("asset", "edit-t1", "number", 1))));
        String upc = product.path("upc").asString();

        Http.Answer deleted = http.delete("/product/EDIT-DEL", user, "Idempotency-Key", "delete-edit-del");

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("message").asString()).isEqualTo("Product deleted successfully");
        assertThat(deleted.json().path("id").asString()).isEqualTo("EDIT-DEL");
        assertThat(http.get("/product/EDIT-DEL", user).status()).isEqualTo(404);
        assertThat(http.get("/product?q=Doomed", user).json().path("total").asLong()).isZero();
        assertThat(http.get("/product?size=100", user).text()).doesNotContain("EDIT-DEL");
        assertThat(http.putJson("/product/EDIT-DEL", user, Map.of("title", "Back")).status()).isEqualTo(404);
        assertThat(http.putJson("/product/EDIT-DEL/assets", user, Map.of("assets", List.of())).status())
                .isEqualTo(404);
        boolean marked = jdbi.withHandle(handle -> handle.createQuery(
                "select deleted_at is not null from product where tenant_id = :t and id = 'EDIT-DEL'")
                .bind("t", TENANT).mapTo(Boolean.class).one());
        assertThat(marked).as("the row stays, marked deleted").isTrue();
        JsonNode event = ApprovalFixtures.value(events("catalog.product.deleted.v1", "EDIT-DEL", 1).get(0));
        assertThat(event.path("upc").asString()).isEqualTo(upc);

        // deleting again: 404, unless it is a retry of the first request
        Http.Answer twice = http.delete("/product/EDIT-DEL", user);
        assertThat(twice.status()).as(twice.text()).isEqualTo(404);
        Http.Answer retry = http.delete("/product/EDIT-DEL", user, "Idempotency-Key", "delete-edit-del");
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.header("X-Request-Id")).isEqualTo(deleted.header("X-Request-Id"));

        // nothing was released: the next allocation moves on, the number and the id stay taken
        String next = create(user, Map.of("title", "Successor")).path("upc").asString();
        assertThat(next).isNotEqualTo(upc);
        assertThat(Long.parseLong(next.substring(0, 11))).isGreaterThan(Long.parseLong(upc.substring(0, 11)));
        Http.Answer reuse = http.postJson("/product", user, Map.of("title", "Reuse", "upc", upc));
        assertThat(reuse.status()).as(reuse.text()).isEqualTo(409);
        assertThat(fields(reuse)).containsExactly("upc");
        Http.Answer sameId = http.postJson("/product", user, Map.of("title", "Same id", "id", "EDIT-DEL"));
        assertThat(sameId.status()).as(sameId.text()).isEqualTo(409);
        assertThat(fields(sameId)).containsExactly("id");
        assertThat(Gtin.isValid(upc)).isTrue();
    }

    @Test
    void anotherWorkspaceGets404AndChangesNothing() {
        create(user, Map.of("title", "Mine", "id", "EDIT-MINE"));
        String before = http.get("/product/EDIT-MINE", user).text();

        for (String stranger : List.of(Tokens.user("product-edit-other"), Tokens.admin("product-edit-other"))) {
            Http.Answer put = http.putJson("/product/EDIT-MINE", stranger, Map.of("title", "Theirs"));
            assertThat(put.status()).as(put.text()).isEqualTo(404);
            HostileHttpIT.assertSeedError(put);
            assertThat(http.delete("/product/EDIT-MINE", stranger).status()).isEqualTo(404);
        }
        assertThat(http.get("/product/EDIT-MINE", user).text()).isEqualTo(before);
        assertThat(http.putJson("/product/NO-SUCH-PRODUCT", user, Map.of("title", "x")).status()).isEqualTo(404);
    }

    @Test
    void aTokenWithoutTheUserRoleIsRefused() {
        create(user, Map.of("title", "Guarded", "id", "EDIT-ROLE"));
        String guest = Tokens.mint(TENANT, List.of("guest"), Pipeline.AUDIENCE, java.time.Instant.now()
                .plusSeconds(600));

        Http.Answer put = http.putJson("/product/EDIT-ROLE", guest, Map.of("title", "Guest's"));
        Http.Answer delete = http.delete("/product/EDIT-ROLE", guest);

        assertThat(put.status()).as(put.text()).isEqualTo(403);
        assertThat(delete.status()).as(delete.text()).isEqualTo(403);
        assertThat(http.get("/product/EDIT-ROLE", user).json().path("product").path("title").asString())
                .isEqualTo("Guarded");
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstOutcomeAndRefusesAnotherBody() {
        create(user, Map.of("title", "Keyed", "id", "EDIT-KEY"));

        Http.Answer first = http.putJson("/product/EDIT-KEY", user, Map.of("title", "Keyed Once"),
                "Idempotency-Key", "edit-key-1");
        http.putJson("/product/EDIT-KEY", user, Map.of("title", "Changed Meanwhile"));
        Http.Answer retry = http.putJson("/product/EDIT-KEY", user, Map.of("title", "Keyed Once"),
                "Idempotency-Key", "edit-key-1");

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.header("X-Request-Id")).isEqualTo(first.header("X-Request-Id"));
        assertThat(http.get("/product/EDIT-KEY", user).json().path("product").path("title").asString())
                .as("the retry was not applied again").isEqualTo("Changed Meanwhile");
        assertThat(events("catalog.product.updated.v1", "EDIT-KEY", 2)).as("two updates, one announcement each")
                .hasSize(2);
        Http.Answer other = http.putJson("/product/EDIT-KEY", user, Map.of("title", "Another body"),
                "Idempotency-Key", "edit-key-1");
        assertThat(other.status()).as(other.text()).isEqualTo(409);

        Http.Answer later = http.putJson("/product/EDIT-KEY", user, Map.of("version", "Async"),
                "Prefer", "respond-async");
        assertThat(later.status()).as(later.text()).isEqualTo(202);
        assertThat(later.header("Location")).startsWith("/requests/");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The events of the type about the product, once there are {@code count} of them (or the wait ran out). */
    private static List<ConsumerRecord<String, byte[]>> events(String type, String productId, int count) {
        List<List<ConsumerRecord<String, byte[]>>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found.add(0, fixtures.events(Topics.CATALOG_EVENTS, type, productId));
            return found.get(0).size() >= count;
        });
        return found.get(0);
    }

    private static JsonNode create(String token, Map<String, Object> body) {
        return created(http.postJson("/product", token, body));
    }

    private static JsonNode created(Http.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json();
    }

    private static List<Map<String, Object>> tracks(int count) {
        List<Map<String, Object>> tracks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            tracks.add(Map.of("asset", "edit-t" + i, "number", i));
        }
        return tracks;
    }

    private static List<String> fields(Http.Answer answer) {
        return answer.json().path("errors").valueStream().map(error -> error.path("field").asString()).toList();
    }

    private static Http.Answer putForm(String path, String token, Map<String, String> fields) {
        String boundary = "----product-edit-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"" + name + "\"\r\n\r\n" + value + "\r\n").getBytes(UTF_8)));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
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
