package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/** Releases through the whole pipeline: create a draft with tracks, read, list, submit — and the refusals. */
@CatalogInfrastructureTest
class ReleaseIT {

    private static Pipeline pipeline;
    private static Http http;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    static Map<String, Object> release(String title, int tracks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("displayArtist", "The Testers feat. Guest");
        body.put("artists", Map.of("The Testers", "primary", "Guest", "featuring"));
        body.put("format", "single");
        body.put("type", "Audio");
        body.put("label", "Indie Label");
        body.put("mainGenre", List.of("Pop"));
        body.put("releaseDate", "2026-05-01");
        body.put("explicit", "clean");
        body.put("metadata", Map.of("upc", "036000291452", "catalogNumber", "IND001"));
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (int i = 1; i <= tracks; i++) {
            list.add(Map.of("title", "Song " + i, "isrc", "US-RC1-76-0783" + i, "duration", 180 + i,
                    "artists", Map.of("The Testers", "primary"), "explicit", false));
        }
        body.put("tracks", list);
        return body;
    }

    @Test
    void createAnswers201WithTheDraftAndItsTracks() {
        String token = Tokens.user("tenant-r");

        Http.Answer created = http.postJson("/releases", token, release("First Light", 2));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.path("success").asBoolean()).isTrue();
        JsonNode data = body.path("data");
        String id = data.path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/releases/" + id);
        assertThat(data.path("status").asString()).isEqualTo("draft");
        assertThat(data.path("title").asString()).isEqualTo("First Light");
        assertThat(data.path("format").asString()).isEqualTo("Single");
        assertThat(data.path("explicit").asString()).isEqualTo("clean");
        assertThat(data.path("metadata").path("upc").asString()).isEqualTo("036000291452");
        assertThat(data.path("metadata").path("catalogNumber").asString()).isEqualTo("IND001");
        assertThat(data.path("artists").findValuesAsString("artistName")).containsExactlyInAnyOrder("The Testers", "Guest");
        assertThat(data.path("tracks")).hasSize(2);
        JsonNode first = data.path("tracks").get(0);
        assertThat(first.path("trackNumber").asInt()).isEqualTo(1);
        assertThat(first.path("isrc").asString()).isEqualTo("USRC17607831");
        assertThat(first.path("duration").asDouble()).isEqualTo(181.0);
        assertThat(first.path("ReleaseId").asString()).isEqualTo(id);

        Http.Answer read = http.get("/releases/" + id, token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("data").path("tracks").get(1).path("title").asString()).isEqualTo("Song 2");
    }

    @Test
    void listPagesAndFiltersByStatus() {
        String token = Tokens.user("tenant-list");
        for (int i = 0; i < 3; i++) {
            assertThat(http.postJson("/releases", token, release("Listed " + i, 1)).status()).isEqualTo(201);
        }
        String submitted = http.postJson("/releases", token, release("Listed submitted", 1)).json()
                .path("data").path("id").asString();
        assertThat(http.postJson("/releases/" + submitted + "/submit", token, Map.of()).status()).isEqualTo(200);

        JsonNode page = http.get("/releases?page=1&limit=2", token).json().path("data");
        assertThat(page.path("releases")).hasSize(2);
        assertThat(page.path("total").asLong()).isEqualTo(4);
        assertThat(page.path("totalPages").asLong()).isEqualTo(2);
        assertThat(page.path("releases").get(0).path("tracks")).hasSize(1);

        JsonNode drafts = http.get("/releases?status=draft&limit=50", token).json().path("data");
        assertThat(drafts.path("total").asLong()).isEqualTo(3);
        JsonNode onlySubmitted = http.get("/releases?status=submitted", token).json().path("data");
        assertThat(onlySubmitted.path("releases").valueStream().map(r -> r.path("id").asString()))
                .containsExactly(submitted);
        assertThat(http.get("/releases?status=bogus", token).status()).isEqualTo(400);
        assertThat(http.get("/releases?limit=1000", token).status()).isEqualTo(400);
    }

    @Test
    void submitMovesADraftToSubmittedOnlyOnce() {
        String token = Tokens.user("tenant-r");
        String id = http.postJson("/releases", token, release("To Review", 1)).json().path("data").path("id").asString();

        Http.Answer submitted = http.postJson("/releases/" + id + "/submit", token, Map.of());

        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        assertThat(submitted.json().path("message").asString()).isEqualTo("Release submitted for review successfully");
        assertThat(submitted.json().path("data").path("status").asString()).isEqualTo("submitted");
        assertThat(submitted.json().path("data").path("submittedAt").isNull()).isFalse();

        Http.Answer again = http.postJson("/releases/" + id + "/submit", token, Map.of());
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("status").asString()).isEqualTo("error");
        assertThat(again.json().path("message").asString()).contains("'submitted'");
    }

    @Test
    void aReleaseWithoutTracksCannotBeSubmitted() {
        String token = Tokens.user("tenant-r");
        String id = http.postJson("/releases", token, release("Empty", 0)).json().path("data").path("id").asString();

        Http.Answer refused = http.postJson("/releases/" + id + "/submit", token, Map.of());

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().path("message").asString()).contains("at least one track");
        assertThat(http.get("/releases/" + id, token).json().path("data").path("status").asString()).isEqualTo("draft");
    }

    @Test
    void anotherTenantsReleaseIsNotFound() {
        String id = http.postJson("/releases", Tokens.user("tenant-r"), release("Private", 1)).json()
                .path("data").path("id").asString();
        String stranger = Tokens.user("tenant-s");

        assertThat(http.get("/releases/" + id, stranger).status()).isEqualTo(404);
        assertThat(http.postJson("/releases/" + id + "/submit", stranger, Map.of()).status()).isEqualTo(404);
        assertThat(http.get("/releases/not-a-uuid", stranger).status()).isEqualTo(404);
        assertThat(http.get("/releases", stranger).json().path("data").path("total").asLong()).isZero();
    }

    @Test
    void shapeErrorsAreReportedPerField() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "");
        body.put("artists", Map.of("Somebody", "featuring"));
        body.put("releaseDate", "2026-13-01");
        body.put("metadata", Map.of("upc", "123"));
        body.put("tracks", List.of(Map.of("title", "A", "isrc", "nope", "duration", -1),
                Map.of("title", "B", "trackNumber", 1)));

        Http.Answer refused = http.postJson("/releases", Tokens.user("tenant-r"), body);

        assertThat(refused.status()).isEqualTo(400);
        List<String> fields = refused.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).contains("title", "displayArtist", "artists", "releaseDate", "metadata.upc",
                "tracks[0].isrc", "tracks[0].duration", "tracks[1].trackNumber");
    }

    @Test
    void respondAsyncAnswers202AndTheReleaseAppears() {
        String token = Tokens.user("tenant-r");

        Http.Answer accepted = http.postJson("/releases", token, release("Later", 1), "Prefer", "respond-async");

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String location = accepted.header("Location");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode outcome = http.get(location, token).json();
            assertThat(outcome.path("status").asString()).isEqualTo("succeeded");
            assertThat(http.get(outcome.path("location").asString(), token).status()).isEqualTo(200);
        });
    }
}
