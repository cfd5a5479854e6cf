package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 at real sizes, through the gateway, real Kafka, Postgres and S3: an album whose files are all larger than
 * the upload part size (8 MiB, so every one is a multipart upload without {@code sha256} metadata on its temporary
 * object) is approved over Kafka and completes, and every permanent object serves exactly the uploaded bytes. The
 * promotion multipart threshold is lowered to 24 MB so that one track takes the multipart-copy path (UploadPartCopy
 * ranges) while the others are single CopyObjects of multipart-uploaded objects, the path that lost the metadata.
 * The files are generated as streams while they are sent and hashed on the way; nothing holds a whole file.
 */
@CatalogInfrastructureTest
class AlbumIT {

    private static final String TENANT = "tenant-album";
    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final long PART = 8L * 1024 * 1024;

    private static Pipeline pipeline;
    private static Http http;
    private static Isolation isolation;
    private static ApprovalFixtures fixtures;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        pipeline = Pipeline.start(isolation, Map.of("catalog.approval.poll-interval", "1s",
                "catalog.upload.part-size", "8MB",
                "catalog.promotion.multipart-threshold", "24MB",
                "catalog.promotion.part-size", "8MB"));
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
    void anAlbumOfLargeFilesIsPromotedByteForByteAndCompletes() throws Exception {
        String user = Tokens.user(TENANT);
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Real Album", Map.of(),
                "Opening", "Second", "Long Third", "Fourth", "Coda");
        List<String> tracks = release.trackIds();
        Map<String, Uploaded> uploads = new LinkedHashMap<>();
        // three tracks of 20–60 MB (WAV, FLAC, and a WAV over the lowered multipart-copy threshold), one just above
        // the part size, one small single-PUT file, and artwork above the part size
        uploads.put("opening.wav", upload(user, release.id(), tracks.get(0), "opening.wav",
                LargeMedia.wav(22_000_000, 1), "audio/wav"));
        uploads.put("second.flac", upload(user, release.id(), tracks.get(1), "second.flac",
                LargeMedia.flac(1_290, 2), "audio/flac"));
        uploads.put("third.wav", upload(user, release.id(), tracks.get(2), "third.wav",
                LargeMedia.wav(31_000_000, 3), "audio/wav"));
        uploads.put("fourth.wav", upload(user, release.id(), tracks.get(3), "fourth.wav",
                LargeMedia.wav(PART + 4, 4), "audio/wav"));
        uploads.put("coda.wav", upload(user, release.id(), tracks.get(4), "coda.wav",
                LargeMedia.wav(200_000, 5), "audio/wav"));
        uploads.put("cover.png", upload(user, release.id(), null, "cover.png",
                LargeMedia.png(1_800, 1_600, 6), "image/png"));
        assertThat(uploads.get("second.flac").size()).isBetween(20_000_000L, 60_000_000L);
        assertThat(uploads.get("cover.png").size()).isGreaterThan(PART);
        // the large uploads' temporary objects carry no sha256 metadata: only their media rows know the hash
        assertThat(fixtures.userMetadata(isolation.tempBucket(), uploads.get("third.wav").uploadKey()))
                .doesNotContainKey("sha256");
        submit(user, release.id());

        fixtures.approve(TENANT, release.id());

        String prefix = StorageKeys.releasePrefix(TENANT, release.id());
        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed"));
        assertThat(fixtures.keys(isolation.tempBucket(), prefix)).as("every upload's object is gone").isEmpty();
        assertThat(fixtures.keys(isolation.mediaBucket(), prefix)).containsExactlyInAnyOrderElementsOf(
                uploads.values().stream().map(Uploaded::cloudId).toList());

        List<JsonNode> media = http.get("/releases/" + release.id() + "/media", user).json().path("data")
                .valueStream().toList();
        assertThat(media).hasSize(uploads.size());
        for (JsonNode file : media) {
            Uploaded uploaded = uploads.values().stream()
                    .filter(candidate -> candidate.cloudId().equals(file.path("cloudId").asString())).findFirst()
                    .orElseThrow();
            assertThat(file.path("status").asString()).isEqualTo("promoted");
            assertThat(file.path("metadata").path("sha256").asString()).isEqualTo(uploaded.sha256());
            assertThat(file.path("metadata").path("fileSize").asLong()).isEqualTo(uploaded.size());
            assertThat(fixtures.userMetadata(isolation.mediaBucket(), uploaded.cloudId()))
                    .containsEntry("sha256", uploaded.sha256());
            // downloaded over the presigned URL and hashed: exactly the bytes that were uploaded
            assertThat(download(file.path("cloudUrl").asString())).as(uploaded.cloudId()).isEqualTo(uploaded.sha256());
        }
        assertThat(method(uploads.get("third.wav"))).isEqualTo("multipart");
        assertThat(method(uploads.get("opening.wav"))).isEqualTo("copy");
        assertThat(method(uploads.get("cover.png"))).isEqualTo("copy");

        JsonNode view = http.get("/releases/" + release.id(), user).json().path("data");
        assertThat(view.path("autoCreationStatus").asString()).isEqualTo("success");
        JsonNode product = http.get("/product/" + view.path("createdProductId").asString(), user).json()
                .path("product");
        assertThat(product.path("format").asString()).as("5 tracks, under 30 minutes").isEqualTo("EP");
        assertThat(product.path("assets").size()).isEqualTo(5);
        assertThat(product.path("media").size()).isEqualTo(1);
        assertThat(download(product.path("media").get(0).path("url").asString()))
                .isEqualTo(uploads.get("cover.png").sha256());
    }

    /**
     * A same-name upload still streaming when the release is submitted writes only its own temporary object; the
     * worker refuses it under the release's lock and deletes that object. The registered file's bytes are the ones
     * promoted.
     */
    @Test
    void aLateSameNameUploadHeldOpenAcrossTheSubmitNeverReplacesTheRegisteredBytes() throws Exception {
        String user = Tokens.user(TENANT);
        ApprovalFixtures.Release release = fixtures.createRelease(user, "Raced Single", Map.of(), "Only");
        String track = release.trackIds().get(0);
        Uploaded registered = upload(user, release.id(), track, "take.wav", LargeMedia.wav(PART + 4_000, 11),
                "audio/wav");

        LargeMedia.Generated late = LargeMedia.wav(2 * PART + 8_000, 12);
        CountDownLatch halfSent = new CountDownLatch(1);
        CountDownLatch submitted = new CountDownLatch(1);
        // more than one part is sent (the multipart upload has begun), then the upload waits for the submit
        CompletableFuture<Http.Answer> racing = CompletableFuture.supplyAsync(() -> http.postStream(
                "/releases/" + release.id() + "/tracks/" + track + "/media/file", user, "file", "take.wav",
                () -> new Pausing(late.open(), PART + 1_000_000, halfSent, submitted), late.length(), "audio/wav"));
        assertThat(halfSent.await(60, TimeUnit.SECONDS)).isTrue();
        submit(user, release.id());
        submitted.countDown();

        Http.Answer answer = racing.get(120, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().path("message").asString()).contains("'submitted'");
        String prefix = StorageKeys.releasePrefix(TENANT, release.id());
        assertThat(fixtures.keys(isolation.tempBucket(), prefix)).as("only the registered upload's object is left")
                .containsExactly(registered.uploadKey());
        assertThat(fixtures.queryString("select sha256 from media where object_key = ?", registered.cloudId()))
                .isEqualTo(registered.sha256());

        fixtures.approve(TENANT, release.id());

        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed"));
        JsonNode file = http.get("/releases/" + release.id() + "/media", user).json().path("data").get(0);
        assertThat(file.path("cloudId").asString()).isEqualTo(registered.cloudId());
        assertThat(download(file.path("cloudUrl").asString())).isEqualTo(registered.sha256());
        assertThat(fixtures.keys(isolation.tempBucket(), prefix)).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** A file uploaded through the gateway and registered: its cloudId, temporary object, size and SHA-256. */
    private record Uploaded(String cloudId, String uploadKey, long size, String sha256) {
    }

    /** Streams a generated file through the gateway's release or track endpoint, hashing it as it goes. */
    private static Uploaded upload(String token, String releaseId, String trackId, String fileName,
                                   LargeMedia.Generated file, String contentType) {
        MessageDigest digest = sha256();
        Http.Answer answer = trackId == null
                ? http.postStream("/releases/" + releaseId + "/media/files", token, "files", fileName,
                        () -> new DigestInputStream(file.open(), digest), file.length(), contentType)
                : http.postStream("/releases/" + releaseId + "/tracks/" + trackId + "/media/file", token, "file",
                        fileName, () -> new DigestInputStream(file.open(), digest), file.length(), contentType);
        assertThat(answer.status() / 100).as(fileName + ": " + answer.text()).isEqualTo(2);
        JsonNode data = answer.json().path("data");
        String cloudId = (data.isArray() ? data.get(0) : data).path("cloudId").asString();
        await().atMost(WITHIN).until(() -> "registered".equals(fixtures.mediaStatus(cloudId)));
        return new Uploaded(cloudId, fixtures.uploadKeyOf(cloudId), file.length(),
                HexFormat.of().formatHex(digest.digest()));
    }

    private static void submit(String token, String releaseId) {
        Http.Answer submitted = http.postJson("/releases/" + releaseId + "/submit", token, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
    }

    private static String method(Uploaded uploaded) {
        return fixtures.queryString("select method from media_promotion where object_key = ?", uploaded.cloudId());
    }

    /** The SHA-256 of what a URL serves, streamed. */
    private static String download(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(response.body(), digest)) {
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

    /** Passes {@code before} bytes, then counts {@code reached} down and waits for {@code resume}. */
    private static final class Pausing extends FilterInputStream {

        private final CountDownLatch reached;
        private final CountDownLatch resume;
        private long before;

        Pausing(InputStream in, long before, CountDownLatch reached, CountDownLatch resume) {
            super(in);
            this.before = before;
            this.reached = reached;
            this.resume = resume;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (before == 0) {
                reached.countDown();
                try {
                    if (!resume.await(120, TimeUnit.SECONDS)) {
                        throw new IOException("never resumed");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
                before = -1;
            }
            int n = super.read(buffer, offset, before > 0 ? (int) Math.min(length, before) : length);
            if (n > 0 && before > 0) {
                before -= n;
            }
            return n;
        }
    }
}
