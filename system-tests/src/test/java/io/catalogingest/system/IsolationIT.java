package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import tools.jackson.databind.JsonNode;

/**
 * The tenant isolation matrix. tenant-a owns a product (with its artist and asset), an asynchronous request, and a
 * draft release with a track and an uploaded file. Every endpoint that reads or changes one of them answers 404 to
 * a token of another tenant (user or admin, or a tenant id that differs only in case) — the same answer as for an
 * id that does not exist, so nothing tells the stranger what tenant-a has — and nothing the stranger does changes
 * tenant-a's data or storage. tenant-a's own token reads the same resources (200), so each 404 is isolation, not
 * absence. A new endpoint joins {@link #readsOfA()} or {@link #writesToA()}.
 */
@CatalogInfrastructureTest
class IsolationIT {

    private static final String A = "tenant-a";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Pipeline pipeline;
    private static Http http;
    private static MinioClient storage;
    private static String requestOfA;
    private static String releaseOfA;
    private static String trackOfA;
    private static JsonNode mediaOfA;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
        storage = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
        String owner = Tokens.user(A);
        created(http.postJson("/artist", owner, Map.of("name", "A's artist", "id", "ISO-ART-A")));
        created(http.postJson("/asset", owner, Map.of("title", "A's track", "displayArtist", "A's artist",
                "id", "ISO-AST-A")));
        created(http.postJson("/product", owner, Map.of("title", "A's product", "id", "ISO-A-1",
                "catalogNumber", "CAT-A-1", "artists", List.of(Map.of("id", "ISO-ART-A")),
                "assets", List.of(Map.of("asset", "ISO-AST-A", "number", 1))), "Idempotency-Key", "shared-key-1"));
        Http.Answer accepted = http.postJson("/product", owner, Map.of("title", "A's async product", "id", "ISO-A-2"),
                "Prefer", "respond-async");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        requestOfA = accepted.header("Location");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "succeeded".equals(http.get(requestOfA, owner).json().path("status").asString()));
        JsonNode release = created(http.postJson("/releases", owner, release("A's release"))).path("data");
        releaseOfA = release.path("id").asString();
        trackOfA = release.path("tracks").get(0).path("id").asString();
        Http.Answer uploaded = upload("/releases/" + releaseOfA + "/media/files", owner, "files", "cover.png", png());
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        mediaOfA = uploaded.json().path("data").get(0);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Tokens that are not tenant-a's. */
    static Stream<Arguments> strangers() {
        Instant later = Instant.now().plusSeconds(600);
        return Stream.of(
                Arguments.of("user of tenant-b", Tokens.user("tenant-b")),
                Arguments.of("admin of tenant-b", Tokens.admin("tenant-b")),
                Arguments.of("tenant-a in capitals", Tokens.mint("TENANT-A", List.of("user", "admin"), Pipeline.AUDIENCE,
                        later)),
                Arguments.of("a tenant named like a prefix of tenant-a", Tokens.mint("tenant", List.of("user"),
                        Pipeline.AUDIENCE, later)));
    }

    /** Every read of one of tenant-a's resources. */
    static List<String> readsOfA() {
        return List.of(
                "/product/ISO-A-1",
                "/product/ISO-A-2",
                "/artist/ISO-ART-A",
                "/asset/ISO-AST-A",
                "/releases/" + releaseOfA,
                "/releases/" + releaseOfA + "/media",
                requestOfA);
    }

    static Stream<Arguments> readMatrix() {
        return strangers().flatMap(stranger -> readsOfA().stream()
                .map(path -> Arguments.of(stranger.get()[0], stranger.get()[1], path)));
    }

    @ParameterizedTest(name = "{0}: GET {2}")
    @MethodSource("readMatrix")
    void anotherTenantGets404ForEveryRead(String who, String token, String path) {
        assertThat(http.get(path, Tokens.user(A)).status()).as("the owner reads " + path).isEqualTo(200);

        Http.Answer answer = http.get(path, token);

        assertThat(answer.status()).as(who + " " + path + ": " + answer.text()).isEqualTo(404);
        HostileHttpIT.assertSeedError(answer);
        assertThat(answer.text()).doesNotContain("A's product", "CAT-A-1", "A's release", "cover.png");
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("/product?q=CAT-A", "ISO-A-1"),
                Arguments.of("/product", "ISO-A-1"),
                Arguments.of("/releases?search=A%27s", releaseOfA),
                Arguments.of("/releases", releaseOfA),
                Arguments.of("/artist?q=A%27s", "ISO-ART-A"),
                Arguments.of("/asset?search=A%27s", "ISO-AST-A"));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("lists")
    void listsShowOnlyTheCallersOwn(String path, String idOfA) {
        Http.Answer owners = http.get(path, Tokens.user(A));
        assertThat(owners.status()).as(owners.text()).isEqualTo(200);
        assertThat(owners.text()).as("the owner sees it").contains(idOfA);

        for (String token : List.of(Tokens.user("tenant-b"), Tokens.admin("tenant-b"))) {
            Http.Answer theirs = http.get(path, token);
            assertThat(theirs.status()).as(theirs.text()).isEqualTo(200);
            assertThat(theirs.text()).doesNotContain(idOfA, "A's product", "A's release");
        }
    }

    /** Every write that targets one of tenant-a's resources, as (name, request for a given token). */
    static List<Arguments> writesToA() {
        String cloudId = mediaOfA.path("cloudId").asString();
        return List.of(
                write("upload a file to A's release", token -> upload("/releases/" + releaseOfA + "/media/files",
                        token, "files", "intruder.png", png())),
                write("upload a file to A's track", token -> upload("/releases/" + releaseOfA + "/tracks/" + trackOfA
                        + "/media/file", token, "file", "intruder.wav", png())),
                write("delete A's media", token -> send("DELETE", "/releases/" + releaseOfA + "/media/" + cloudId,
                        token, null)),
                write("submit A's release", token -> http.postJson("/releases/" + releaseOfA + "/submit", token,
                        Map.of())),
                write("review A's release", token -> http.postJson("/releases/" + releaseOfA + "/review", token,
                        Map.of("action", "reject", "feedback", "intruder"))),
                write("replace the tracks of A's product", token -> send("PUT", "/product/ISO-A-1/assets", token,
                        "{\"assets\": []}")),
                write("edit A's release", token -> send("PUT", "/releases/" + releaseOfA, token,
                        "{\"title\": \"intruder\"}")),
                write("add a track to A's release", token -> http.postJson("/releases/" + releaseOfA + "/tracks",
                        token, Map.of("title", "intruder"))),
                write("edit A's track", token -> send("PUT", "/releases/" + releaseOfA + "/tracks/" + trackOfA, token,
                        "{\"title\": \"intruder\"}")),
                write("delete A's track", token -> send("DELETE", "/releases/" + releaseOfA + "/tracks/" + trackOfA,
                        token, null)),
                write("reorder A's tracks", token -> http.postJson("/releases/" + releaseOfA + "/tracks/reorder",
                        token, Map.of("trackOrder", List.of(trackOfA)))),
                write("link an asset to A's release", token -> http.postJson("/releases/" + releaseOfA
                        + "/tracks/link-asset", token, Map.of("assetId", "ISO-AST-A"))),
                write("delete A's release", token -> send("DELETE", "/releases/" + releaseOfA, token, null)),
                write("revert A's release (admin)", token -> http.postJson("/releases/" + releaseOfA
                        + "/revert-status", token, Map.of("targetStatus", "draft", "reason", "intruder"))),
                write("retry A's auto-creation (admin)", token -> http.postJson("/releases/" + releaseOfA
                        + "/retry-auto-creation", token, Map.of())),
                write("link a file to A's release", token -> http.postJson("/releases/" + releaseOfA + "/media/links",
                        token, Map.of("links", List.of(Map.of("url", "https://files.example.com/intruder.pdf"))))),
                write("link a file to A's track", token -> http.postJson("/releases/" + releaseOfA + "/tracks/"
                        + trackOfA + "/media/link", token, Map.of("url", "https://files.example.com/intruder.wav"))),
                write("update A's product", token -> send("PUT", "/product/ISO-A-1", token,
                        "{\"title\": \"intruder\", \"assets\": []}")),
                write("delete A's product", token -> send("DELETE", "/product/ISO-A-1", token, null)));
    }

    static Stream<Arguments> writeMatrix() {
        return strangers().flatMap(stranger -> writesToA().stream()
                .map(write -> Arguments.of(stranger.get()[0], stranger.get()[1], write.get()[0], write.get()[1])));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("writeMatrix")
    void anotherTenantCannotChangeAnythingOfA(String who, String token, String what, Write write) {
        State before = State.ofA();

        Http.Answer answer = write.as(token);

        // the review and admin endpoints refuse a token without the admin role before looking: 403 by role
        assertThat(answer.status()).as(who + " " + what + ": " + answer.text())
                .isIn(what.startsWith("review") || what.endsWith("(admin)") ? List.of(403, 404) : List.of(404));
        HostileHttpIT.assertSeedError(answer);
        assertThat(State.ofA()).as(what).isEqualTo(before);
    }

    // ---- ownership inside the workspace (issue 16, item 6; ADR 0023): user A (the owner), user B, an admin ----

    /** Another plain user of tenant-a. */
    static String userBOfA() {
        return Tokens.user(A, "user-b-of-a");
    }

    /** An admin of tenant-a who does not own A's release. */
    static String adminOfA() {
        return Tokens.admin(A, "admin-of-a");
    }

    static List<String> releaseReadsOfA() {
        return List.of("/releases/" + releaseOfA, "/releases/" + releaseOfA + "/media");
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("releaseReadsOfA")
    void anotherUserOfTheWorkspaceGets404ForAsReleaseAndAnAdminReadsIt(String path) {
        Http.Answer theirs = http.get(path, userBOfA());

        assertThat(theirs.status()).as(theirs.text()).isEqualTo(404);
        HostileHttpIT.assertSeedError(theirs);
        assertThat(theirs.text()).doesNotContain("A's release", "cover.png")
                .isEqualTo(http.get("/releases/00000000-0000-0000-0000-000000000000", userBOfA()).text());
        assertThat(http.get(path, adminOfA()).status()).as("an admin of the workspace").isEqualTo(200);
        assertThat(http.get(path, Tokens.mint(A, "owner-of-a", List.of("owner"), Pipeline.AUDIENCE,
                Instant.now().plusSeconds(600))).status()).as("a workspace owner is an admin").isEqualTo(200);
    }

    /** Every write of {@link #writesToA()} on A's release (products are the workspace's, not a user's). */
    static Stream<Arguments> releaseWritesOfA() {
        return writesToA().stream().filter(write -> !write.get()[0].toString().contains("product"));
    }

    @ParameterizedTest(name = "user B: {0}")
    @MethodSource("releaseWritesOfA")
    void anotherUserOfTheWorkspaceCannotChangeAsRelease(String what, Write write) {
        State before = State.ofA();

        Http.Answer answer = write.as(userBOfA());

        // 403 as Royalti documents for a non-owner, non-admin (the review: 403 by role)
        assertThat(answer.status()).as(what + ": " + answer.text()).isEqualTo(403);
        HostileHttpIT.assertSeedError(answer);
        assertThat(answer.text()).doesNotContain("A's release");
        assertThat(State.ofA()).as(what).isEqualTo(before);
    }

    @Test
    void listsAndStatsHoldAUsersOwnReleasesAndAnAdminsWholeWorkspace() {
        assertThat(http.get("/releases", userBOfA()).text()).doesNotContain(releaseOfA, "A's release");
        assertThat(http.get("/releases?owner=test-user", userBOfA()).text()).doesNotContain(releaseOfA);
        assertThat(http.get("/releases", adminOfA()).text()).contains(releaseOfA);
        assertThat(http.get("/releases?owner=test-user", adminOfA()).text()).contains(releaseOfA);

        long owners = stats(Tokens.user(A)).path("total").asLong();
        assertThat(owners).isPositive();
        assertThat(stats(adminOfA()).path("total").asLong()).as("every release of A is test-user's").isEqualTo(owners);
        assertThat(stats(userBOfA()).path("total").asLong()).isZero();
        assertThat(stats(Tokens.admin("tenant-b")).path("total").asLong()).isZero();
        assertThat(stats(Tokens.user("tenant-b")).path("byStatus").path("draft").asLong()).isZero();
    }

    @Test
    void anAdminOfTheWorkspaceChangesAUsersReleaseAndAReplayOfItsKeyShowsUserBNothing() {
        String id = created(http.postJson("/releases", Tokens.user(A), release("A's second release")))
                .path("data").path("id").asString();
        Http.Answer edited = http.putJson("/releases/" + id, adminOfA(), Map.of("title", "Edited by an admin"),
                "Idempotency-Key", "admin-edit-" + id);

        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(http.get("/releases/" + id, Tokens.user(A)).json().path("data").path("title").asString())
                .isEqualTo("Edited by an admin");

        Http.Answer replayed = http.putJson("/releases/" + id, userBOfA(), Map.of("title", "Edited by an admin"),
                "Idempotency-Key", "admin-edit-" + id);
        assertThat(replayed.status()).as(replayed.text()).isIn(403, 404);
        assertThat(replayed.text()).doesNotContain("Edited by an admin", "A's second release");
        Http.Answer submitted = http.postJson("/releases/" + id + "/submit", adminOfA(), Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        assertThat(http.get("/releases/" + id, Tokens.user(A)).json().path("data").path("status").asString())
                .isEqualTo("submitted");
    }

    @Test
    void aGuestMayCallNothing() {
        String guest = Tokens.mint(A, "guest-of-a", List.of("guest"), Pipeline.AUDIENCE,
                Instant.now().plusSeconds(600));

        for (String path : List.of("/releases", "/releases/stats", "/releases/" + releaseOfA, "/artist", "/asset")) {
            Http.Answer answer = http.get(path, guest);
            assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(403);
            HostileHttpIT.assertSeedError(answer);
        }
    }

    private static JsonNode stats(String token) {
        Http.Answer answer = http.get("/releases/stats", token);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("data");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void anotherTenantsCreateWithTheSameIdNeitherFailsNorTouchesTheOwners(String who, String token) {
        String id = "ISO-SHARED-" + Math.abs(who.hashCode());
        created(http.postJson("/product", Tokens.user(A), Map.of("title", "Owner's", "id", id)));

        Http.Answer theirs = http.postJson("/product", token, Map.of("title", "Stranger's", "id", id));

        // a 409 would tell the stranger that the id exists in another tenant
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);
        assertThat(theirs.json().path("title").asString()).isEqualTo("Stranger's");
        assertThat(http.get("/product/" + id, Tokens.user(A)).json().path("product").path("title").asString())
                .isEqualTo("Owner's");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strangers")
    void anotherTenantsBulkAssetWithTheSameIdIsItsOwn(String who, String token) {
        String id = "ISO-SHARED-AST-" + Math.abs(who.hashCode());
        created(http.postJson("/asset", Tokens.user(A), Map.of("title", "Owner's", "displayArtist", "A", "id", id)));

        Http.Answer theirs = http.postJson("/asset/bulk", token, Map.of("assets", List.of(Map.of(
                "title", "Stranger's", "displayArtist", "Stranger", "id", id))));

        // a rejected item would tell the stranger that the id exists in another tenant
        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);
        assertThat(theirs.json().path("data").path("results").get(0).path("status").asString()).isEqualTo("created");
        assertThat(http.get("/asset/" + id, Tokens.user(A)).json().path("data").path("title").asString())
                .isEqualTo("Owner's");
    }

    @Test
    void anotherTenantCannotReferToAsArtistsOrAssets() {
        Http.Answer theirs = http.postJson("/product", Tokens.user("tenant-b"), Map.of("title", "Borrowing",
                "id", "ISO-B-BORROW", "artists", List.of(Map.of("id", "ISO-ART-A")),
                "assets", List.of(Map.of("asset", "ISO-AST-A", "number", 1))));

        assertThat(theirs.status()).as(theirs.text()).isEqualTo(400);
        assertThat(theirs.json().path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains("artists[0].id", "assets[0].asset");
    }

    @Test
    void idempotencyKeysBelongToTheirTenant() {
        // tenant-a used "shared-key-1" for ISO-A-1; tenant-b's request with the same key is its own
        Http.Answer theirs = http.postJson("/product", Tokens.user("tenant-b"),
                Map.of("title", "B's product", "id", "ISO-B-1"), "Idempotency-Key", "shared-key-1");

        assertThat(theirs.status()).as(theirs.text()).isEqualTo(201);
        assertThat(theirs.json().path("id").asString()).isEqualTo("ISO-B-1");
        assertThat(http.get("/product/ISO-B-1", Tokens.user(A)).status()).isEqualTo(404);
        assertThat(http.get("/product/ISO-A-1", Tokens.user(A)).json().path("product").path("title").asString())
                .isEqualTo("A's product");
    }

    @Test
    void aResourceThatDoesNotExistAnswersExactlyLikeAnotherTenants() {
        String stranger = Tokens.user("tenant-b");

        assertThat(http.get("/product/ISO-A-1", stranger).text())
                .isEqualTo(http.get("/product/NO-SUCH-PRODUCT", stranger).text());
        assertThat(http.get(requestOfA, stranger).text())
                .isEqualTo(http.get("/requests/00000000-0000-0000-0000-000000000000", stranger).text());
        assertThat(http.get("/releases/" + releaseOfA, stranger).text())
                .isEqualTo(http.get("/releases/00000000-0000-0000-0000-000000000000", stranger).text());
    }

    @Test
    void presignedUrlsAreForTheOwnersObjectAndExpire() {
        String url = http.get("/releases/" + releaseOfA + "/media", Tokens.user(A)).json().path("data").get(0)
                .path("cloudUrl").asString();

        assertThat(URI.create(url).getPath()).contains("/" + A + "/releases/" + releaseOfA + "/");
        String query = URLDecoder.decode(URI.create(url).getRawQuery(), UTF_8);
        assertThat(query).contains("X-Amz-Signature=");
        long expires = Long.parseLong(query.replaceAll(".*X-Amz-Expires=(\\d+).*", "$1"));
        assertThat(expires).as("seconds a presigned URL lives (catalog.storage.presigned-expiry)")
                .isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toSeconds());
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A write, made with a given token. */
    @FunctionalInterface
    interface Write {
        Http.Answer as(String token);
    }

    private static Arguments write(String name, Write write) {
        return Arguments.of(name, write);
    }

    /** What a stranger's write could change: tenant-a's resources as tenant-a reads them, and the stored objects. */
    record State(String product, String release, String media, List<String> objects) {

        static State ofA() {
            String owner = Tokens.user(A);
            return new State(http.get("/product/ISO-A-1", owner).text(),
                    withoutVolatile(http.get("/releases/" + releaseOfA, owner).json()),
                    withoutVolatile(http.get("/releases/" + releaseOfA + "/media", owner).json()), storedObjects());
        }

        /** Presigned URLs change with every read: compare without them. */
        private static String withoutVolatile(JsonNode node) {
            return node == null ? null : node.toString().replaceAll("\"cloudUrl\":\"[^\"]*\"", "\"cloudUrl\":\"\"");
        }
    }

    private static List<String> storedObjects() {
        List<String> keys = new ArrayList<>();
        for (String bucket : List.of(pipeline.isolation().tempBucket(), pipeline.isolation().mediaBucket())) {
            for (Result<Item> item : storage.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true)
                    .build())) {
                try {
                    keys.add(bucket + "/" + item.get().objectName());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys.stream().sorted().toList();
    }

    private static JsonNode created(Http.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json();
    }

    private static Map<String, Object> release(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("displayArtist", "A's artist");
        body.put("artists", Map.of("A's artist", "primary"));
        body.put("format", "single");
        body.put("type", "Audio");
        body.put("tracks", List.of(Map.of("title", "Song 1", "artists", Map.of("A's artist", "primary"))));
        return body;
    }

    private static Http.Answer upload(String path, String token, String field, String fileName, byte[] bytes) {
        String boundary = "----isolation-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        return send("POST", path, token, body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private static Http.Answer send(String method, String path, String token, String json) {
        return send(method, path, token, json == null ? null : json.getBytes(UTF_8), "application/json");
    }

    private static Http.Answer send(String method, String path, String token, byte[] body, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(pipeline.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            builder.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
