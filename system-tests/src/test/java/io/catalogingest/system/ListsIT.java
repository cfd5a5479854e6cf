package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 4 end to end: {@code GET /artist} and {@code GET /asset} page and search a workspace's catalog,
 * {@code GET /releases} filters as Royalti documents it, and {@code GET /releases/stats} counts by status — a user's
 * own releases, an admin's whole workspace (item 6). Every bad parameter is a 400 in the seed's body naming it, and
 * another workspace sees none of it.
 */
@CatalogInfrastructureTest
class ListsIT {

    private static final String TENANT = "tenant-lists";
    private static final String OTHER = "tenant-lists-other";
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static Pipeline pipeline;
    private static Http http;
    /** Releases: user A's draft, submitted and rejected ones; user B's draft and completed ones. */
    private static String draftOfA;
    private static String submittedOfA;
    private static String rejectedOfA;
    private static String draftOfB;
    private static String completedOfB;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
        created(http.postJson("/artist", userA(), Map.of("name", "Blue Moon", "id", "LST-ART-1")));
        created(http.postJson("/artist", userA(), Map.of("name", "Red Sun", "id", "LST-ART-2")));
        created(http.postJson("/artist", userA(), Map.of("name", "Blue 100%", "id", "LST-ART-3")));
        created(http.postJson("/artist", Tokens.user(OTHER), Map.of("name", "Blue Elsewhere", "id", "LST-ART-9")));
        created(http.postJson("/asset", userA(), Map.of("title", "Alpha Blue", "displayArtist", "Blue Moon",
                "id", "LST-AST-1", "isrc", "USRC17607831")));
        created(http.postJson("/asset", userA(), Map.of("title", "Beta", "displayArtist", "Red Sun",
                "id", "LST-AST-2", "type", "Video")));
        created(http.postJson("/asset", userA(), Map.of("title", "Gamma", "displayArtist", "Blue Moon",
                "id", "LST-AST-3")));
        created(http.postJson("/asset", Tokens.user(OTHER), Map.of("title", "Alpha Elsewhere",
                "displayArtist", "Blue Elsewhere", "id", "LST-AST-9")));

        draftOfA = release(userA(), "Blue Dawn", "Single");
        submittedOfA = release(userA(), "Red Noon", "EP");
        ok(http.postJson("/releases/" + submittedOfA + "/submit", userA(), Map.of()));
        rejectedOfA = release(userA(), "Blue Dusk", "Album");
        ok(http.postJson("/releases/" + rejectedOfA + "/submit", userA(), Map.of()));
        ok(http.postJson("/releases/" + rejectedOfA + "/review", admin(), Map.of("action", "reject",
                "feedback", "Not yet")));
        draftOfB = release(userB(), "Green Field", "Single");
        completedOfB = release(userB(), "Gold Hour", "Single");
        ok(http.postJson("/releases/" + completedOfB + "/submit", userB(), Map.of()));
        ok(http.postJson("/releases/" + completedOfB + "/review", admin(), Map.of("action", "approve")));
        await().atMost(WITHIN).until(() -> "completed".equals(http.get("/releases/" + completedOfB, userB()).json()
                .path("data").path("status").asString()));
        release(Tokens.user(OTHER, "lists-user-a"), "Blue Elsewhere", "Single");
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void artistsArePagedSortedAndSearched() {
        // q matches the id too: LST-ART picks the three artists of this test, not the one a release's artists map made
        JsonNode first = data(http.get("/artist?q=LST-ART&size=2&sort=name&order=asc", userA()));
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(ids(first.path("items"))).containsExactly("LST-ART-3", "LST-ART-1");
        assertThat(ids(data(http.get("/artist?q=lst-art&size=2&page=2&sort=name&order=asc", userA())).path("items")))
                .containsExactly("LST-ART-2");
        assertThat(ids(data(http.get("/artist?q=lst-art&page=3&size=2", userA())).path("items"))).isEmpty();

        JsonNode blue = data(http.get("/artist?q=BLUE&sort=name&order=desc", userA()));
        assertThat(blue.path("total").asLong()).isEqualTo(2);
        assertThat(ids(blue.path("items"))).containsExactly("LST-ART-1", "LST-ART-3");
        assertThat(blue.path("items").get(0).path("name").asString()).isEqualTo("Blue Moon");
        assertThat(ids(data(http.get("/artist?q=" + encode("100%"), userA())).path("items")))
                .as("a % in the search is a literal").containsExactly("LST-ART-3");
        assertThat(ids(data(http.get("/artist?q=lst-art-2", userA())).path("items"))).containsExactly("LST-ART-2");
        assertThat(data(http.get("/artist", userA())).path("total").asLong())
                .as("and the artist a release named, made when the release was created").isEqualTo(4);
        assertThat(ids(data(http.get("/artist?q=lst-art", userA())).path("items")))
                .as("newest change first by default").containsExactly("LST-ART-3", "LST-ART-2", "LST-ART-1");
    }

    @Test
    void assetsArePagedSortedSearchedAndFilteredByType() {
        // search matches the id too: LST-AST picks the three assets of this test, not the one the approval made
        JsonNode first = data(http.get("/asset?search=LST-AST&limit=2&sort=title&order=asc", userA()));
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("page").asInt()).isEqualTo(1);
        assertThat(first.path("limit").asInt()).isEqualTo(2);
        assertThat(ids(first.path("items"))).containsExactly("LST-AST-1", "LST-AST-2");
        assertThat(ids(data(http.get("/asset?search=lst-ast&limit=2&page=2&sort=title&order=asc", userA())).path("items")))
                .containsExactly("LST-AST-3");

        assertThat(ids(data(http.get("/asset?search=blue&sort=title", userA())).path("items")))
                .as("title or display artist, newest title first").containsExactly("LST-AST-3", "LST-AST-1");
        assertThat(ids(data(http.get("/asset?search=USRC17607831", userA())).path("items")))
                .containsExactly("LST-AST-1");
        assertThat(ids(data(http.get("/asset?type=video", userA())).path("items"))).containsExactly("LST-AST-2");
        JsonNode audio = data(http.get("/asset?type=Audio&search=blue", userA()));
        assertThat(audio.path("total").asLong()).isEqualTo(2);
        assertThat(audio.path("items").get(0).path("type").asString()).isEqualTo("Audio");
        assertThat(ids(data(http.get("/asset?search=lst-ast", userA())).path("items")))
                .as("newest first by default").containsExactly("LST-AST-3", "LST-AST-2", "LST-AST-1");
        assertThat(ids(data(http.get("/asset?search=" + encode("Gold Hour"), userA())).path("items")))
                .as("the asset the approval of Gold Hour made").hasSize(1);
    }

    @ParameterizedTest(name = "GET {0} names {1}")
    @CsvSource(delimiter = '|', value = {
            "/artist?page=0|page",
            "/artist?page=abc|page",
            "/artist?size=101|size",
            "/artist?size=0|size",
            "/artist?sort=title|sort",
            "/artist?order=up|order",
            "/asset?page=-1|page",
            "/asset?limit=1000|limit",
            "/asset?sort=name|sort",
            "/asset?order=sideways|order",
            "/asset?type=Ringtone|type",
            "/releases?page=0|page",
            "/releases?limit=101|limit",
            "/releases?status=published|status",
            "/releases?format=Tape|format",
            "/releases?type=Hologram|type",
    })
    void aBadParameterIsA400NamingIt(String path, String field) {
        Http.Answer answer = http.get(path, userA());

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        HostileHttpIT.assertSeedError(answer);
        assertThat(fields(answer)).containsExactly(field);
    }

    @Test
    void tooLongOrControlCharacterSearchesAndEveryBadParameterAtOnceAreNamed() {
        String longTerm = "x".repeat(256);
        assertThat(fields(http.get("/artist?q=" + longTerm, userA()))).containsExactly("q");
        assertThat(fields(http.get("/asset?search=" + longTerm, userA()))).containsExactly("search");
        assertThat(fields(http.get("/releases?search=" + longTerm, userA()))).containsExactly("search");
        assertThat(fields(http.get("/releases?owner=" + longTerm, admin()))).containsExactly("owner");
        assertThat(fields(http.get("/asset?search=a%01b", userA()))).containsExactly("search");

        Http.Answer all = http.get("/asset?page=x&limit=x&sort=x&order=x&type=x", userA());
        assertThat(all.status()).isEqualTo(400);
        assertThat(fields(all)).containsExactly("page", "limit", "sort", "order", "type");
    }

    @Test
    void releasesAreFilteredAsRoyaltiDocuments() {
        assertThat(releaseIds("/releases?status=rejected", admin())).containsExactly(rejectedOfA);
        assertThat(releaseIds("/releases?status=DRAFT", admin())).containsExactlyInAnyOrder(draftOfA, draftOfB);
        assertThat(releaseIds("/releases?format=ep", admin())).containsExactly(submittedOfA);
        assertThat(releaseIds("/releases?type=Audio&search=blue", admin()))
                .containsExactlyInAnyOrder(draftOfA, rejectedOfA);
        assertThat(releaseIds("/releases?search=" + encode("Noon's description"), admin()))
                .as("the description is searched").containsExactly(submittedOfA);
        assertThat(releaseIds("/releases?owner=lists-user-b", admin()))
                .containsExactlyInAnyOrder(draftOfB, completedOfB);
        assertThat(releaseIds("/releases?status=draft&owner=lists-user-a", admin())).containsExactly(draftOfA);

        JsonNode page = data(http.get("/releases?limit=2&page=3", admin()));
        assertThat(page.path("total").asLong()).isEqualTo(5);
        assertThat(page.path("totalPages").asLong()).isEqualTo(3);
        assertThat(page.path("limit").asInt()).isEqualTo(2);
        assertThat(page.path("releases")).hasSize(1);
    }

    @Test
    void aUserListsAndCountsOnlyTheirOwnReleasesAndAnAdminTheWholeWorkspace() {
        assertThat(releaseIds("/releases", userA())).containsExactlyInAnyOrder(draftOfA, submittedOfA, rejectedOfA);
        assertThat(releaseIds("/releases?owner=lists-user-b", userA())).as("another user's, asked for").isEmpty();
        assertThat(releaseIds("/releases?search=green", userA())).isEmpty();
        assertThat(releaseIds("/releases", userB())).containsExactlyInAnyOrder(draftOfB, completedOfB);
        assertThat(releaseIds("/releases", admin())).hasSize(5);

        JsonNode mine = data(http.get("/releases/stats", userA()));
        assertThat(counters(mine)).containsExactly(3L, 0L, 1L, 1L, 1L, 0L);
        assertThat(mine.path("byStatus").path("submitted").asLong()).isEqualTo(1);
        assertThat(counters(data(http.get("/releases/stats", userB())))).containsExactly(2L, 1L, 1L, 0L, 0L, 0L);
        JsonNode all = data(http.get("/releases/stats/", admin()));
        assertThat(counters(all)).containsExactly(5L, 1L, 2L, 1L, 1L, 0L);
        assertThat(all.path("byStatus").path("completed").asLong()).isEqualTo(1);
        assertThat(all.path("byStatus").path("approved").asLong()).isZero();
    }

    @Test
    void anotherWorkspaceSeesNothingOfThisOnes() {
        for (String token : List.of(Tokens.user(OTHER, "lists-user-a"), Tokens.admin(OTHER))) {
            JsonNode artists = data(http.get("/artist?q=blue", token));
            assertThat(ids(artists.path("items"))).containsExactly("LST-ART-9");
            assertThat(ids(data(http.get("/asset?search=lst", token)).path("items"))).containsExactly("LST-AST-9");
            assertThat(data(http.get("/releases?search=blue", token)).path("total").asLong()).isEqualTo(1);
            assertThat(releaseIds("/releases", token)).doesNotContain(draftOfA, submittedOfA, rejectedOfA, draftOfB,
                    completedOfB);
            assertThat(counters(data(http.get("/releases/stats", token)))).containsExactly(1L, 0L, 1L, 0L, 0L, 0L);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A draft release of one track, with a description (searchable) and the given format. */
    private static String release(String token, String title, String format) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("displayArtist", "Lists Artist");
        body.put("artists", Map.of("Lists Artist", "primary"));
        body.put("format", format);
        body.put("type", "Audio");
        body.put("description", title.split(" ")[1] + "'s description");
        body.put("tracks", List.of(Map.of("title", title + " (track)")));
        return created(http.postJson("/releases", token, body)).path("data").path("id").asString();
    }

    /** Tokens minted when used: the class may outlive a token's ten minutes on a busy machine. */
    private static String userA() {
        return Tokens.user(TENANT, "lists-user-a");
    }

    private static String userB() {
        return Tokens.user(TENANT, "lists-user-b");
    }

    private static String admin() {
        return Tokens.admin(TENANT, "lists-admin");
    }

    private static JsonNode created(Http.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json();
    }

    private static void ok(Http.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private static JsonNode data(Http.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("success").asBoolean()).isTrue();
        return answer.json().path("data");
    }

    private static List<String> ids(JsonNode items) {
        return items.valueStream().map(item -> item.path("id").asString()).toList();
    }

    private static List<String> releaseIds(String path, String token) {
        return ids(data(http.get(path, token)).path("releases"));
    }

    /** total, totalPublished, totalDrafts, totalRejected, totalPending, totalScheduled. */
    private static List<Long> counters(JsonNode stats) {
        return List.of("total", "totalPublished", "totalDrafts", "totalRejected", "totalPending", "totalScheduled")
                .stream().map(name -> stats.path(name).asLong(-1)).toList();
    }

    private static List<String> fields(Http.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        return answer.json().path("errors").valueStream().map(error -> error.path("field").asString()).toList();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
