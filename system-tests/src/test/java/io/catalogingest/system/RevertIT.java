package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 3 (ADR 0021): {@code POST /releases/{id}/revert-status}. A rejected release goes back to draft and is
 * edited and resubmitted; a completed one with a file above the upload part size and the (lowered) multipart-copy
 * threshold goes back to draft — its file back in the temporary bucket at a new key with the same bytes, gone from the
 * permanent bucket, its product soft-deleted and its asset deleted — and is approved again into a new product with a
 * new UPC; an approved release whose auto-creation failed goes back to submitted. The refusals: not an admin (403),
 * another workspace (404), a status that allows no such revert (400 naming it), each invalid field (400), a running
 * approval driver (409); and an Idempotency-Key replay answers the first revert without reverting again.
 */
@CatalogInfrastructureTest
class RevertIT {

    private static final String TENANT = "revert-ws";
    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final long PART = 8L * 1024 * 1024;

    private static Pipeline pipeline;
    private static Http http;
    private static Isolation isolation;
    private static ApprovalFixtures fixtures;
    private static MinioClient minio;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        pipeline = Pipeline.start(isolation, Map.of("catalog.approval.poll-interval", "1s",
                "catalog.upload.part-size", "8MB",
                "catalog.promotion.multipart-threshold", "16MB",
                "catalog.promotion.part-size", "8MB",
                "catalog.revert.multipart-threshold", "16MB",
                "catalog.revert.part-size", "8MB"));
        http = new Http(pipeline.gatewayUrl());
        fixtures = new ApprovalFixtures(infrastructure, isolation, http);
        minio = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
        Workspaces.addBlock(http, TENANT, "0712350", 0, 99);
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
    void aRejectedReleaseGoesBackToDraftAndIsEditedAndResubmitted() {
        String user = Tokens.user(TENANT);
        String admin = Tokens.admin(TENANT);
        String id = release(user, "Rejected Then Reverted");
        String path = "/releases/" + id + "/revert-status";
        Map<String, String> toDraft = Map.of("targetStatus", "draft", "reason", "The label asked for another go");

        Http.Answer tooEarly = http.postJson(path, admin, toDraft);
        assertThat(tooEarly.status()).as(tooEarly.text()).isEqualTo(400);
        assertThat(tooEarly.json().path("message").asString()).contains("'draft'");
        HostileHttpIT.assertSeedError(tooEarly);

        submit(user, id);
        Http.Answer rejected = http.postJson("/releases/" + id + "/review", admin,
                Map.of("action", "reject", "feedback", "Artwork is blurry"));
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        Http.Answer submittedOnly = http.postJson(path, admin, Map.of("targetStatus", "submitted", "reason", "x"));
        assertThat(submittedOnly.status()).as(submittedOnly.text()).isEqualTo(400);
        assertThat(submittedOnly.json().path("message").asString()).contains("'rejected'");

        assertThat(http.postJson(path, user, toDraft).status()).as("not an admin").isEqualTo(403);
        Http.Answer stranger = http.postJson(path, Tokens.admin("revert-ws-other"), toDraft);
        assertThat(stranger.status()).as("another workspace").isEqualTo(404);
        HostileHttpIT.assertSeedError(stranger);
        assertThat(http.postJson("/releases/not-a-release/revert-status", admin, toDraft).status()).isEqualTo(404);
        assertThat(fixtures.releaseStatus(id)).isEqualTo("rejected");

        Http.Answer reverted = http.postJson(path, admin, toDraft, "Idempotency-Key", "revert-" + id);

        assertThat(reverted.status()).as(reverted.text()).isEqualTo(200);
        assertThat(reverted.header("Location")).isEqualTo("/releases/" + id);
        JsonNode data = reverted.json().path("data");
        assertThat(reverted.json().path("message").asString()).isEqualTo("Release status reverted to \"draft\" "
                + "successfully");
        assertThat(data.path("id").asString()).isEqualTo(id);
        assertThat(data.path("status").asString()).isEqualTo("draft");
        assertThat(data.path("previousStatus").asString()).isEqualTo("rejected");
        assertThat(data.path("reason").asString()).isEqualTo("The label asked for another go");
        JsonNode release = read(id, user);
        assertThat(release.path("status").asString()).isEqualTo("draft");
        assertThat(absent(release.path("feedback"))).as("the review is cleared").isTrue();
        assertThat(absent(release.path("reviewedAt"))).isTrue();
        assertThat(fixtures.count("select count(*) from release_revert where release_id = cast(? as uuid) "
                + "and from_status = 'rejected' and to_status = 'draft' and admin_id is not null", id)).isEqualTo(1);

        // the same request again answers the first revert and reverts nothing twice
        Http.Answer replay = http.postJson(path, admin, toDraft, "Idempotency-Key", "revert-" + id);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.header("X-Request-Id")).isEqualTo(reverted.header("X-Request-Id"));
        assertThat(replay.json().path("data").path("previousStatus").asString()).isEqualTo("rejected");
        assertThat(fixtures.count("select count(*) from release_revert where release_id = cast(? as uuid)", id))
                .isEqualTo(1);
        Http.Answer again = http.postJson(path, admin, toDraft);
        assertThat(again.status()).as("a draft is not reverted").isEqualTo(400);
        assertThat(again.json().path("message").asString()).contains("'draft'");

        Http.Answer edited = http.putJson("/releases/" + id, user, Map.of("title", "Rejected, Reverted, Edited"));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        submit(user, id);
        assertThat(read(id, user).path("title").asString()).isEqualTo("Rejected, Reverted, Edited");
        assertThat(fixtures.releaseStatus(id)).isEqualTo("submitted");
    }

    @Test
    void eachInvalidFieldIsNamed() {
        String admin = Tokens.admin(TENANT);
        String id = release(Tokens.user(TENANT), "Invalid Reverts");
        String path = "/releases/" + id + "/revert-status";

        invalid(path, admin, Map.of("reason", "no target"), "targetStatus");
        invalid(path, admin, Map.of("targetStatus", "approved", "reason", "not a revert target"), "targetStatus");
        invalid(path, admin, Map.of("targetStatus", "DRAFT", "reason", "written exactly"), "targetStatus");
        invalid(path, admin, Map.of("targetStatus", 7, "reason", "a number"), "targetStatus");
        invalid(path, admin, Map.of("targetStatus", "draft"), "reason");
        invalid(path, admin, Map.of("targetStatus", "draft", "reason", "   "), "reason");
        invalid(path, admin, Map.of("targetStatus", "draft", "reason", "r".repeat(1001)), "reason");
        invalid(path, admin, Map.of("targetStatus", "draft", "reason", "ok", "status", "draft"), "status");
        invalid(path, admin, List.of(Map.of("targetStatus", "draft", "reason", "in an array")), null);
        assertThat(fixtures.releaseStatus(id)).isEqualTo("draft");
        assertThat(fixtures.count("select count(*) from release_revert where release_id = cast(? as uuid)", id))
                .isZero();
    }

    @Test
    void aCompletedReleaseGoesBackToDraftWithItsFilesAndIsApprovedIntoANewProduct() throws Exception {
        String user = Tokens.user(TENANT);
        String admin = Tokens.admin(TENANT);
        ApprovalFixtures.Release created = fixtures.createRelease(user, "Completed Then Reverted", Map.of(), "Long");
        String id = created.id();
        // above the upload part size (a multipart upload) and the lowered multipart-copy threshold
        LargeMedia.Generated wav = LargeMedia.wav(2 * PART + 1_000_000, 21);
        MessageDigest digest = sha256();
        Http.Answer uploaded = http.postStream("/releases/" + id + "/tracks/" + created.trackIds().get(0)
                        + "/media/file", user, "file", "long.wav", () -> new DigestInputStream(wav.open(), digest),
                wav.length(), "audio/wav");
        assertThat(uploaded.status() / 100).as(uploaded.text()).isEqualTo(2);
        String sha256 = HexFormat.of().formatHex(digest.digest());
        String cloudId = uploaded.json().path("data").path("cloudId").asString();
        await().atMost(WITHIN).until(() -> "registered".equals(fixtures.mediaStatus(cloudId)));
        String firstUpload = fixtures.uploadKeyOf(cloudId);
        submit(user, id);
        approve(admin, id);
        await().atMost(WITHIN).until(() -> "completed".equals(fixtures.releaseStatus(id)));
        JsonNode completed = read(id, user);
        String productId = completed.path("createdProductId").asString();
        String upc = http.get("/product/" + productId, user).json().path("product").path("upc").asString();
        String assetId = completed.path("tracks").get(0).path("assetId").asString();
        assertThat(fixtures.keys(isolation.mediaBucket(), cloudId)).containsExactly(cloudId);
        String path = "/releases/" + id + "/revert-status";
        Map<String, String> toDraft = Map.of("targetStatus", "draft", "reason", "Wrong master delivered");

        // while an approval driver holds the release, a revert is refused and changes nothing
        fixtures.queryString("update release_approval set stage = 'creating', lease_owner = 'someone', "
                + "lease_until = now() + interval '1 hour' where release_id = cast(? as uuid) returning stage", id);
        Http.Answer busy = http.postJson(path, admin, toDraft);
        assertThat(busy.status()).as(busy.text()).isEqualTo(409);
        HostileHttpIT.assertSeedError(busy);
        fixtures.queryString("update release_approval set stage = 'completed', lease_owner = null, "
                + "lease_until = null where release_id = cast(? as uuid) returning stage", id);
        assertThat(fixtures.mediaStatus(cloudId)).isEqualTo("promoted");

        Http.Answer reverted = http.postJson(path, admin, toDraft);

        assertThat(reverted.status()).as(reverted.text()).isEqualTo(200);
        JsonNode data = reverted.json().path("data");
        assertThat(data.path("previousStatus").asString()).isEqualTo("completed");
        assertThat(data.path("status").asString()).isEqualTo("draft");
        assertThat(data.path("deletedProductId").asString()).isEqualTo(productId);
        assertThat(data.path("deletedAssetIds").valueStream().map(JsonNode::asString).toList())
                .containsExactly(assetId);
        assertThat(data.path("restoredMediaCount").asInt()).isEqualTo(1);
        JsonNode draft = read(id, user);
        assertThat(draft.path("status").asString()).isEqualTo("draft");
        assertThat(absent(draft.path("createdProductId"))).isTrue();
        assertThat(absent(draft.path("autoCreationStatus"))).isTrue();
        assertThat(absent(draft.path("completedAt"))).isTrue();
        assertThat(absent(draft.path("tracks").get(0).path("assetId"))).as("the created asset is unlinked").isTrue();
        // the file: registered again, in the temporary bucket at a new upload key, the same bytes; not permanent
        String uploadKey = fixtures.uploadKeyOf(cloudId);
        assertThat(fixtures.mediaStatus(cloudId)).isEqualTo("registered");
        assertThat(fixtures.queryString("select bucket from media where object_key = ?", cloudId))
                .isEqualTo(isolation.tempBucket());
        assertThat(uploadKey).isNotEqualTo(firstUpload).isNotEqualTo(cloudId);
        assertThat(StorageKeys.isUploadOf(TENANT, id, uploadKey)).isTrue();
        assertThat(fixtures.keys(isolation.tempBucket(), StorageKeys.releasePrefix(TENANT, id)))
                .containsExactly(uploadKey);
        assertThat(fixtures.userMetadata(isolation.tempBucket(), uploadKey)).containsEntry("sha256", sha256);
        assertThat(download(isolation.tempBucket(), uploadKey)).isEqualTo(sha256);
        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(fixtures.keys(isolation.mediaBucket(), StorageKeys.releasePrefix(TENANT, id))).isEmpty());
        // the catalog entries: the product soft-deleted (its UPC stays spent), the created asset gone
        assertThat(fixtures.queryString("select deleted_at is not null from product where id = ?", productId))
                .isEqualTo("t");
        assertThat(fixtures.count("select count(*) from asset where id = ?", assetId)).isZero();
        assertThat(fixtures.queryString("select stage from release_approval where release_id = cast(? as uuid)",
                id)).isEqualTo("reverted");
        assertThat(fixtures.count("select count(*) from release_revert where release_id = cast(? as uuid) and "
                + "from_status = 'completed' and deleted_product_id = ? and restored_media = 1", id, productId))
                .isEqualTo(1);

        // an ordinary draft again: submitted and approved, its file promoted anew into a new product
        submit(user, id);
        approve(admin, id);
        await().atMost(WITHIN).until(() -> "completed".equals(fixtures.releaseStatus(id)));
        JsonNode again = read(id, user);
        String newProduct = again.path("createdProductId").asString();
        assertThat(newProduct).isNotBlank().isNotEqualTo(productId);
        String newUpc = http.get("/product/" + newProduct, user).json().path("product").path("upc").asString();
        assertThat(newUpc).startsWith("0712350").isNotEqualTo(upc);
        assertThat(fixtures.mediaStatus(cloudId)).isEqualTo("promoted");
        assertThat(fixtures.keys(isolation.mediaBucket(), StorageKeys.releasePrefix(TENANT, id)))
                .containsExactly(cloudId);
        assertThat(fixtures.keys(isolation.tempBucket(), StorageKeys.releasePrefix(TENANT, id))).isEmpty();
        assertThat(fixtures.userMetadata(isolation.mediaBucket(), cloudId)).containsEntry("sha256", sha256);
    }

    @Test
    void anApprovedReleaseWhoseAutoCreationFailedGoesBackToSubmitted() {
        String tenant = "revert-ws-failed";
        String user = Tokens.user(tenant);
        String admin = Tokens.admin(tenant);
        Workspaces.addBlock(http, tenant, "0712351", 0, 0);
        assertThat(http.postJson("/product", user, Map.of("title", "Takes the only UPC")).status()).isEqualTo(201);
        String id = release(user, "Failed Then Reverted");
        submit(user, id);
        approve(admin, id);
        await().atMost(WITHIN).until(() -> "failed".equals(read(id, user).path("autoCreationStatus").asString()));

        Http.Answer reverted = http.postJson("/releases/" + id + "/revert-status", admin,
                Map.of("targetStatus", "submitted", "reason", "Review it again with a new UPC block"));

        assertThat(reverted.status()).as(reverted.text()).isEqualTo(200);
        assertThat(reverted.json().path("data").path("previousStatus").asString()).isEqualTo("approved");
        JsonNode submitted = read(id, user);
        assertThat(submitted.path("status").asString()).isEqualTo("submitted");
        assertThat(absent(submitted.path("autoCreationStatus"))).isTrue();
        assertThat(absent(submitted.path("autoCreationError"))).isTrue();
        Workspaces.addBlock(http, tenant, "0712352", 0, 9);
        approve(admin, id);
        await().atMost(WITHIN).until(() -> "completed".equals(fixtures.releaseStatus(id)));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static String release(String token, String title) {
        Http.Answer created = http.postJson("/releases", token, Map.of("title", title, "displayArtist", "Revert",
                "artists", Map.of("Revert", "primary"), "type", "Audio", "tracks", List.of(Map.of("title", "One"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("data").path("id").asString();
    }

    private static void submit(String token, String id) {
        Http.Answer submitted = http.postJson("/releases/" + id + "/submit", token, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
    }

    private static void approve(String admin, String id) {
        Http.Answer approved = http.postJson("/releases/" + id + "/review", admin, Map.of("action", "approve"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    }

    private static void invalid(String path, String admin, Object body, String field) {
        Http.Answer answer = http.postJson(path, admin, body);
        assertThat(answer.status()).as(body + ": " + answer.text()).isEqualTo(400);
        HostileHttpIT.assertSeedError(answer);
        assertThat(answer.json().path("message").asString()).isEqualTo("Invalid target status or missing reason");
        if (field != null) {
            assertThat(answer.json().path("errors").valueStream().map(error -> error.path("field").asString()))
                    .as(answer.text()).contains(field);
        }
    }

    private static JsonNode read(String id, String token) {
        return http.get("/releases/" + id, token).json().path("data");
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** The SHA-256 of an object's bytes, streamed. */
    private static String download(String bucket, String key) throws Exception {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(minio.getObject(GetObjectArgs.builder().bucket(bucket)
                .object(key).build()), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
