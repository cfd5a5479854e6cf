package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 1 end to end: editing a release in draft or rejected (PUT /releases/{id}), its tracks (add, update,
 * delete, reorder, link an asset) and deleting a draft with its temporary objects — each through the ingest-worker,
 * with its refusals: shape (400 per field), status (400 naming it), another workspace (404), neither owner nor admin
 * (403), and Idempotency-Key replay.
 */
@CatalogInfrastructureTest
class ReleaseEditIT {

    private static final String TENANT = "tenant-edit";
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static Pipeline pipeline;
    private static Http http;
    private static MinioClient s3;
    private static String tempBucket;

    private final String owner = Tokens.user(TENANT);

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
        s3 = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
        tempBucket = pipeline.isolation().tempBucket();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void putChangesOnlyTheGivenFields() {
        JsonNode release = create(owner, 2);
        String id = release.path("id").asString();

        Http.Answer updated = http.putJson("/releases/" + id, owner, Map.of("title", "Second Light",
                "label", "New Label", "mainGenre", List.of("Jazz", "Soul"), "metadata", Map.of("catalogNumber", "N-2"),
                "explicit", "explicit"));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.header("Location")).isEqualTo("/releases/" + id);
        assertThat(updated.header("X-Request-Id")).isNotBlank();
        JsonNode data = updated.json().path("data");
        assertThat(updated.json().path("message").asString()).isEqualTo("Release updated successfully");
        assertThat(data.path("title").asString()).isEqualTo("Second Light");
        assertThat(data.path("label").asString()).isEqualTo("New Label");
        assertThat(data.path("explicit").asString()).isEqualTo("explicit");
        assertThat(data.path("mainGenre").valueStream().map(JsonNode::asString)).containsExactly("Jazz", "Soul");
        assertThat(data.path("metadata").path("catalogNumber").asString()).isEqualTo("N-2");
        // untouched fields stay
        assertThat(data.path("displayArtist").asString()).isEqualTo("The Editors");
        assertThat(data.path("type").asString()).isEqualTo("Audio");
        assertThat(data.path("releaseDate").asString()).startsWith("2026-05-01");
        assertThat(data.path("tracks")).hasSize(2);
        assertThat(http.get("/releases/" + id, owner).json().path("data").path("title").asString())
                .isEqualTo("Second Light");
    }

    @Test
    void putRefusesEveryBadFieldAndChangesNothing() {
        String id = create(owner, 1).path("id").asString();

        Http.Answer refused = http.putJson("/releases/" + id, owner, Map.of("title", "", "format", "Bogus",
                "artists", Map.of("Someone", "featuring"), "tracks", List.of(), "releaseDate", "05/01/2026",
                "metadata", Map.of("upc", "123")));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().path("status").asString()).isEqualTo("error");
        assertThat(fields(refused)).contains("title", "format", "artists", "tracks", "releaseDate", "metadata.upc");
        assertThat(http.putJson("/releases/" + id, owner, "[1, 2]").status()).isEqualTo(400);
        // the stored release date (2026-05-01) is checked against a pre-release date given alone, by the worker
        Http.Answer dates = http.putJson("/releases/" + id, owner, Map.of("preReleaseDate", "2026-06-01"));
        assertThat(dates.status()).as(dates.text()).isEqualTo(400);
        assertThat(fields(dates)).containsExactly("preReleaseDate");
        assertThat(http.get("/releases/" + id, owner).json().path("data").path("title").asString())
                .isEqualTo("Editable");
    }

    @Test
    void tracksAreAddedUpdatedDeletedAndReorderedWithDenseNumbers() {
        JsonNode release = create(owner, 3);
        String id = release.path("id").asString();
        List<String> ids = trackIds(release);

        Http.Answer added = http.postJson("/releases/" + id + "/tracks", owner, Map.of("title", "Intro",
                "trackNumber", 1, "isrc", "USRC17607839", "duration", 42));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.json().path("message").asString()).isEqualTo("Track added successfully");
        JsonNode tracks = added.json().path("data").path("tracks");
        assertThat(titles(tracks)).containsExactly("Intro", "Song 1", "Song 2", "Song 3");
        assertThat(numbers(tracks)).containsExactly(1, 2, 3, 4);
        String intro = tracks.get(0).path("id").asString();

        Http.Answer appended = http.postJson("/releases/" + id + "/tracks", owner, Map.of("title", "Outro"));
        assertThat(appended.status()).as(appended.text()).isEqualTo(201);
        assertThat(titles(appended.json().path("data").path("tracks")))
                .containsExactly("Intro", "Song 1", "Song 2", "Song 3", "Outro");

        Http.Answer updated = http.putJson("/releases/" + id + "/tracks/" + ids.get(1), owner,
                Map.of("title", "Song Two", "explicit", true));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        JsonNode songTwo = updated.json().path("data").path("tracks").get(2);
        assertThat(songTwo.path("title").asString()).isEqualTo("Song Two");
        assertThat(songTwo.path("explicit").asBoolean()).isTrue();
        assertThat(songTwo.path("isrc").asString()).isEqualTo("USRC17607832");

        Http.Answer deleted = http.delete("/releases/" + id + "/tracks/" + ids.get(0), owner);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        JsonNode afterDelete = deleted.json().path("data").path("tracks");
        assertThat(titles(afterDelete)).containsExactly("Intro", "Song Two", "Song 3", "Outro");
        assertThat(numbers(afterDelete)).containsExactly(1, 2, 3, 4);

        List<String> reversed = new ArrayList<>(afterDelete.valueStream().map(t -> t.path("id").asString()).toList());
        java.util.Collections.reverse(reversed);
        Http.Answer reordered = http.postJson("/releases/" + id + "/tracks/reorder", owner,
                Map.of("trackOrder", reversed));
        assertThat(reordered.status()).as(reordered.text()).isEqualTo(200);
        JsonNode afterReorder = reordered.json().path("data").path("tracks");
        assertThat(titles(afterReorder)).containsExactly("Outro", "Song 3", "Song Two", "Intro");
        assertThat(numbers(afterReorder)).containsExactly(1, 2, 3, 4);
        assertThat(afterReorder.get(3).path("id").asString()).isEqualTo(intro);
    }

    @Test
    void trackRequestsAreCheckedForShapeAndAgainstTheRelease() {
        JsonNode release = create(owner, 2);
        String id = release.path("id").asString();
        List<String> ids = trackIds(release);

        Http.Answer noTitle = http.postJson("/releases/" + id + "/tracks", owner, Map.of("isrc", "nope",
                "trackNumber", 0, "colour", "red"));
        assertThat(noTitle.status()).as(noTitle.text()).isEqualTo(400);
        assertThat(fields(noTitle)).contains("title", "isrc", "trackNumber", "colour");

        Http.Answer renumber = http.putJson("/releases/" + id + "/tracks/" + ids.get(0), owner,
                Map.of("trackNumber", 2, "title", ""));
        assertThat(renumber.status()).isEqualTo(400);
        assertThat(fields(renumber)).contains("trackNumber", "title");
        assertThat(http.putJson("/releases/" + id + "/tracks/" + java.util.UUID.randomUUID(), owner,
                Map.of("title", "x")).status()).isEqualTo(404);
        assertThat(http.delete("/releases/" + id + "/tracks/not-a-track", owner).status()).isEqualTo(404);

        Http.Answer repeated = http.postJson("/releases/" + id + "/tracks/reorder", owner,
                Map.of("trackOrder", List.of(ids.get(0), ids.get(0))));
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(fields(repeated)).containsExactly("trackOrder[1]");
        Http.Answer notAnId = http.postJson("/releases/" + id + "/tracks/reorder", owner,
                Map.of("trackOrder", List.of(ids.get(0), 7)));
        assertThat(fields(notAnId)).containsExactly("trackOrder[1]");
        assertThat(fields(http.postJson("/releases/" + id + "/tracks/reorder", owner, Map.of())))
                .containsExactly("trackOrder");
        // the worker holds the release's tracks: an order missing one of them is refused
        Http.Answer missing = http.postJson("/releases/" + id + "/tracks/reorder", owner,
                Map.of("trackOrder", List.of(ids.get(1))));
        assertThat(missing.status()).as(missing.text()).isEqualTo(400);
        assertThat(fields(missing)).containsExactly("trackOrder");
        assertThat(titles(http.get("/releases/" + id, owner).json().path("data").path("tracks")))
                .containsExactly("Song 1", "Song 2");
    }

    @Test
    void anAssetOfTheWorkspaceIsLinkedAsATrack() {
        Http.Answer asset = http.postJson("/asset", owner, Map.of("title", "Catalog Classic",
                "displayArtist", "The Editors", "isrc", "USRC17607800", "id", "EDIT-AST-1"));
        assertThat(asset.status()).as(asset.text()).isEqualTo(201);
        String id = create(owner, 2).path("id").asString();

        Http.Answer linked = http.postJson("/releases/" + id + "/tracks/link-asset", owner, Map.of("assetId",
                "EDIT-AST-1", "trackNumber", 2, "overrides", Map.of("version", "Remastered")));

        assertThat(linked.status()).as(linked.text()).isEqualTo(201);
        JsonNode tracks = linked.json().path("data").path("tracks");
        assertThat(titles(tracks)).containsExactly("Song 1", "Catalog Classic", "Song 2");
        assertThat(numbers(tracks)).containsExactly(1, 2, 3);
        JsonNode track = tracks.get(1);
        assertThat(track.path("assetId").asString()).isEqualTo("EDIT-AST-1");
        assertThat(track.path("isrc").asString()).isEqualTo("USRC17607800");
        assertThat(track.path("version").asString()).isEqualTo("Remastered");

        Http.Answer unknown = http.postJson("/releases/" + id + "/tracks/link-asset", owner,
                Map.of("assetId", "NO-SUCH-ASSET"));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(fields(unknown)).containsExactly("assetId");
        // another workspace's asset is unknown here too
        http.postJson("/asset", Tokens.user("tenant-edit-other"), Map.of("title", "Theirs", "id", "EDIT-AST-2"));
        assertThat(http.postJson("/releases/" + id + "/tracks/link-asset", owner, Map.of("assetId", "EDIT-AST-2"))
                .status()).isEqualTo(404);
        Http.Answer shape = http.postJson("/releases/" + id + "/tracks/link-asset", owner,
                Map.of("trackNumber", "two", "overrides", List.of()));
        assertThat(shape.status()).isEqualTo(400);
        assertThat(fields(shape)).contains("assetId", "trackNumber", "overrides");
    }

    @Test
    void deletingADraftRemovesItsRowsAndTemporaryObjects() throws Exception {
        JsonNode release = create(owner, 1);
        String id = release.path("id").asString();
        Http.Answer artwork = http.postFile("/releases/" + id + "/media/files", owner, "files", "cover.png",
                ApprovalFixtures.png(), "image/png");
        assertThat(artwork.status()).as(artwork.text()).isEqualTo(201);
        Http.Answer audio = http.postFile("/releases/" + id + "/tracks/" + trackIds(release).get(0) + "/media/file",
                owner, "file", "song.wav", ApprovalFixtures.wav(1), "audio/wav");
        assertThat(audio.status()).as(audio.text()).isIn(200, 201);
        String prefix = TENANT + "/releases/" + id + "/";
        assertThat(objectsUnder(prefix)).hasSize(2);

        Http.Answer deleted = http.delete("/releases/" + id, owner, "Idempotency-Key", "delete-" + id);

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("message").asString()).isEqualTo("Release deleted successfully");
        assertThat(deleted.json().path("data").path("id").asString()).isEqualTo(id);
        assertThat(http.get("/releases/" + id, owner).status()).isEqualTo(404);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(objectsUnder(prefix)).isEmpty());
        // a retry with the same key answers the first outcome, not a 404
        Http.Answer replay = http.delete("/releases/" + id, owner, "Idempotency-Key", "delete-" + id);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.header("X-Request-Id")).isEqualTo(deleted.header("X-Request-Id"));
        assertThat(http.delete("/releases/" + id, owner).status()).isEqualTo(404);
    }

    @Test
    void deletingATrackRemovesItsMediaObject() throws Exception {
        JsonNode release = create(owner, 2);
        String id = release.path("id").asString();
        String first = trackIds(release).get(0);
        Http.Answer audio = http.postFile("/releases/" + id + "/tracks/" + first + "/media/file", owner, "file",
                "song.wav", ApprovalFixtures.wav(1), "audio/wav");
        assertThat(audio.status()).as(audio.text()).isIn(200, 201);
        String prefix = TENANT + "/releases/" + id + "/";
        assertThat(objectsUnder(prefix)).hasSize(1);

        assertThat(http.delete("/releases/" + id + "/tracks/" + first, owner).status()).isEqualTo(200);

        await().atMost(WITHIN).untilAsserted(() -> assertThat(objectsUnder(prefix)).isEmpty());
        assertThat(http.get("/releases/" + id + "/media", owner).json().path("data")).isEmpty();
    }

    @Test
    void editsNeedADraftOrRejectedReleaseAndTheRefusalNamesTheStatus() {
        JsonNode release = create(owner, 2);
        String id = release.path("id").asString();
        List<String> ids = trackIds(release);
        assertThat(http.postJson("/releases/" + id + "/submit", owner, Map.of()).status()).isEqualTo(200);

        for (Http.Answer refused : everyEdit(owner, id, ids)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().path("message").asString()).contains("'submitted'");
            assertThat(fields(refused)).containsExactly("status");
        }
        Http.Answer delete = http.delete("/releases/" + id, owner);
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.json().path("message").asString()).contains("'submitted'");

        // rejected: editable again, but only a draft can be deleted
        Http.Answer rejected = http.postJson("/releases/" + id + "/review", Tokens.admin(TENANT),
                Map.of("action", "reject", "feedback", "Fix the title"));
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        Http.Answer edited = http.putJson("/releases/" + id, owner, Map.of("title", "Fixed Title"));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(edited.json().path("data").path("status").asString()).isEqualTo("rejected");
        assertThat(http.postJson("/releases/" + id + "/tracks", owner, Map.of("title", "Bonus")).status())
                .isEqualTo(201);
        Http.Answer notDraft = http.delete("/releases/" + id, owner);
        assertThat(notDraft.status()).isEqualTo(400);
        assertThat(notDraft.json().path("message").asString()).contains("'rejected'");
    }

    @Test
    void onlyTheOwnerOrAnAdminEditsAndAnotherWorkspaceSeesNothing() {
        JsonNode release = create(owner, 2);
        String id = release.path("id").asString();
        List<String> ids = trackIds(release);

        for (Http.Answer forbidden : everyEdit(Tokens.user(TENANT, "someone-else"), id, ids)) {
            assertThat(forbidden.status()).as(forbidden.text()).isEqualTo(403);
        }
        assertThat(http.delete("/releases/" + id, Tokens.user(TENANT, "someone-else")).status()).isEqualTo(403);
        for (Http.Answer unknown : everyEdit(Tokens.admin("tenant-edit-other"), id, ids)) {
            assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        }
        assertThat(http.delete("/releases/" + id, Tokens.admin("tenant-edit-other")).status()).isEqualTo(404);
        assertThat(http.get("/releases/" + id, owner).json().path("data").path("title").asString())
                .isEqualTo("Editable");

        Http.Answer byAdmin = http.putJson("/releases/" + id, Tokens.admin(TENANT, "an-admin"),
                Map.of("title", "Edited By Admin"));
        assertThat(byAdmin.status()).as(byAdmin.text()).isEqualTo(200);
        assertThat(byAdmin.json().path("data").path("TenantUserId").asString()).isEqualTo("test-user");
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstOutcomeAndAsyncAnswers202() {
        JsonNode release = create(owner, 1);
        String id = release.path("id").asString();
        Map<String, Object> track = Map.of("title", "Once");

        Http.Answer first = http.postJson("/releases/" + id + "/tracks", owner, track, "Idempotency-Key", "add-" + id);
        Http.Answer again = http.postJson("/releases/" + id + "/tracks", owner, track, "Idempotency-Key", "add-" + id);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.header("X-Request-Id")).isEqualTo(first.header("X-Request-Id"));
        assertThat(again.json().path("data").path("tracks")).hasSize(2);
        Http.Answer otherBody = http.postJson("/releases/" + id + "/tracks", owner, Map.of("title", "Twice"),
                "Idempotency-Key", "add-" + id);
        assertThat(otherBody.status()).as(otherBody.text()).isEqualTo(409);

        Http.Answer put = http.putJson("/releases/" + id, owner, Map.of("label", "L1"), "Idempotency-Key", "put-" + id);
        Http.Answer putAgain = http.putJson("/releases/" + id, owner, Map.of("label", "L1"),
                "Idempotency-Key", "put-" + id);
        assertThat(putAgain.status()).isEqualTo(put.status()).isEqualTo(200);
        assertThat(putAgain.header("X-Request-Id")).isEqualTo(put.header("X-Request-Id"));

        Http.Answer async = http.putJson("/releases/" + id, owner, Map.of("label", "L2"), "Prefer", "respond-async");
        assertThat(async.status()).as(async.text()).isEqualTo(202);
        String location = async.header("Location");
        assertThat(location).startsWith("/requests/");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(http.get(location, owner).json().path("status")
                .asString()).isEqualTo("succeeded"));
        assertThat(http.get("/releases/" + id, owner).json().path("data").path("label").asString()).isEqualTo("L2");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** One call of every edit endpoint (not the delete of the release) with a valid body. */
    private static List<Http.Answer> everyEdit(String token, String id, List<String> trackIds) {
        String path = "/releases/" + id;
        return List.of(
                http.putJson(path, token, Map.of("title", "Changed")),
                http.postJson(path + "/tracks", token, Map.of("title", "New")),
                http.putJson(path + "/tracks/" + trackIds.get(0), token, Map.of("title", "Changed")),
                http.delete(path + "/tracks/" + trackIds.get(0), token),
                http.postJson(path + "/tracks/reorder", token, Map.of("trackOrder", List.of(trackIds.get(1),
                        trackIds.get(0)))),
                http.postJson(path + "/tracks/link-asset", token, Map.of("assetId", "ANY")));
    }

    private static JsonNode create(String token, int tracks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Editable");
        body.put("displayArtist", "The Editors");
        body.put("artists", Map.of("The Editors", "primary"));
        body.put("type", "Audio");
        body.put("releaseDate", "2026-05-01");
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 1; i <= tracks; i++) {
            list.add(Map.of("title", "Song " + i, "isrc", "USRC1760783" + i));
        }
        body.put("tracks", list);
        Http.Answer created = http.postJson("/releases", token, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("data");
    }

    private static List<String> trackIds(JsonNode release) {
        return release.path("tracks").valueStream().map(track -> track.path("id").asString()).toList();
    }

    private static List<String> titles(JsonNode tracks) {
        return tracks.valueStream().map(track -> track.path("title").asString()).toList();
    }

    private static List<Integer> numbers(JsonNode tracks) {
        return tracks.valueStream().map(track -> track.path("trackNumber").asInt()).toList();
    }

    private static List<String> fields(Http.Answer answer) {
        return answer.json().path("errors").valueStream().map(error -> error.path("field").asString()).toList();
    }

    private static List<String> objectsUnder(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket(tempBucket).prefix(prefix)
                .recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }
}
