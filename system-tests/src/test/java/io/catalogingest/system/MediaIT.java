package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.common.release.RegisterMedia;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.messages.Item;
import tools.jackson.databind.JsonNode;

/**
 * Release media through the whole pipeline: files stream into the temporary bucket, the ingest-worker inspects
 * their bytes, the answer and {@code GET /releases/{id}/media} show what was measured — and every refusal leaves no
 * object behind.
 */
@CatalogInfrastructureTest
class MediaIT {

    private static final long MAX_FILE = 1024 * 1024;

    private static Pipeline pipeline;
    private static Http http;
    private static MinioClient s3;
    private static String tempBucket;
    private static String bootstrapServers;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate(), Map.of("catalog.upload.max-file-size", "1MB",
                "catalog.gateway.media-registration-wait", "30s"));
        http = new Http(pipeline.gatewayUrl());
        s3 = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
        tempBucket = pipeline.isolation().tempBucket();
        bootstrapServers = infrastructure.kafkaBootstrapServers();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void audioAndArtworkAreStoredInspectedAndListed() throws Exception {
        String token = Tokens.user("tenant-m");
        JsonNode release = createRelease(token, 1);
        String id = release.path("id").asString();
        byte[] wav = wav(44_100, 2, 1.0);
        byte[] jpeg = image("jpg", 300, 200);

        Answer uploaded = upload("/releases/" + id + "/media/files", token,
                List.of(new Part("files", "Lead Single.wav", null, "audio/wav", wav),
                        new Part("files", "cover.jpg", null, "image/jpeg", jpeg)));

        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        JsonNode body = uploaded.json();
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("message").asString()).isEqualTo("2 files uploaded to release");
        JsonNode audio = byName(body.path("data"), "Lead Single.wav");
        JsonNode cover = byName(body.path("data"), "cover.jpg");
        String prefix = "tenant-m/releases/" + id + "/release/";
        assertThat(audio.path("cloudId").asString()).isEqualTo(prefix + "Lead Single.wav");
        assertThat(audio.path("releasePath").asString()).isEqualTo(audio.path("cloudId").asString());
        assertThat(audio.path("isLink").asBoolean()).isFalse();
        assertThat(audio.path("type").asString()).isEqualTo("audio");
        assertThat(cover.path("type").asString()).isEqualTo("image");
        assertThat(audio.path("metadata").path("fileSize").asLong()).isEqualTo(wav.length);
        assertThat(audio.path("metadata").path("mediaType").asString()).isEqualTo("release");
        assertThat(audio.path("metadata").path("mimeType").asString()).startsWith("audio/");
        assertThat(audio.path("metadata").path("sha256").asString()).isEqualTo(sha256(wav));
        assertThat(audio.path("metadata").path("uploadedAt").asString()).isNotBlank();
        assertThat(cover.path("metadata").path("mimeType").asString()).isEqualTo("image/jpeg");
        assertThat(cover.path("metadata").path("sha256").asString()).isEqualTo(sha256(jpeg));

        // both objects are in the temporary bucket, each at its own upload key, with the SHA-256 of what was sent,
        // and the URLs serve them
        assertThat(uploadedNames(id)).containsExactlyInAnyOrder("Lead Single.wav", "cover.jpg");
        assertThat(objectSha256(uploadKey(id, "Lead Single.wav"))).isEqualTo(sha256(wav));
        assertThat(objectSha256(uploadKey(id, "cover.jpg"))).isEqualTo(sha256(jpeg));
        assertThat(sha256(fetch(cover.path("cloudUrl").asString()))).isEqualTo(sha256(jpeg));

        JsonNode media = http.get("/releases/" + id + "/media", token).json().path("data");
        assertThat(media).hasSize(2);
        JsonNode listedAudio = byName(media, "Lead Single.wav").path("metadata");
        assertThat(listedAudio.path("duration").asDouble()).isBetween(0.99, 1.01);
        assertThat(listedAudio.path("sampleRate").asString()).isEqualTo("44100");
        assertThat(listedAudio.path("channels").asString()).isEqualTo("2");
        assertThat(listedAudio.path("bitrate").asString()).isEqualTo("1411");
        assertThat(listedAudio.path("codec").asString()).isEqualTo("pcm_s16le");
        JsonNode listedCover = byName(media, "cover.jpg").path("metadata");
        assertThat(listedCover.path("width").asInt()).isEqualTo(300);
        assertThat(listedCover.path("height").asInt()).isEqualTo(200);
    }

    @Test
    void aTrackTakesOneAudioFileAndANewOneReplacesIt() throws Exception {
        String token = Tokens.user("tenant-m");
        JsonNode release = createRelease(token, 1);
        String id = release.path("id").asString();
        String trackId = release.path("tracks").get(0).path("id").asString();
        byte[] mp3 = mp3(80);

        Answer first = upload("/releases/" + id + "/tracks/" + trackId + "/media/file", token,
                List.of(new Part("file", "take one.mp3", null, "audio/mpeg", mp3)));

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        JsonNode data = first.json().path("data");
        String trackPrefix = "tenant-m/releases/" + id + "/tracks/" + trackId + "/";
        assertThat(data.path("cloudId").asString()).isEqualTo(trackPrefix + "file.mp3");
        assertThat(data.path("type").asString()).isEqualTo("audio");
        assertThat(data.path("metadata").path("mediaType").asString()).isEqualTo("track");
        assertThat(data.path("metadata").path("mimeType").asString()).isEqualTo("audio/mpeg");
        assertThat(data.path("metadata").path("duration").asDouble()).isBetween(2.0, 2.2); // 80 × 1152 / 44100
        assertThat(data.path("metadata").path("bitrate").asString()).isEqualTo("128");
        assertThat(data.path("metadata").path("codec").asString()).isEqualTo("mp3");

        byte[] wav = wav(48_000, 1, 0.5);
        Answer second = upload("/releases/" + id + "/tracks/" + trackId + "/media/file", token,
                List.of(new Part("file", "take two.wav", null, "audio/wav", wav)));

        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.json().path("data").path("cloudId").asString()).isEqualTo(trackPrefix + "file.wav");
        assertThat(uploadedNames(id)).as("the first take's object is gone").containsExactly("take two.wav");
        JsonNode track = http.get("/releases/" + id, token).json().path("data").path("tracks").get(0);
        assertThat(track.path("media")).hasSize(1);
        assertThat(track.path("media").get(0).path("metadata").path("sampleRate").asString()).isEqualTo("48000");

        Answer notAudio = upload("/releases/" + id + "/tracks/" + trackId + "/media/file", token,
                List.of(new Part("file", "cover.png", null, "image/png", image("png", 20, 20))));
        assertThat(notAudio.status()).as(notAudio.text()).isEqualTo(400);
        assertThat(notAudio.json().path("message").asString()).contains("audio or video");
        assertThat(uploadedNames(id)).containsExactly("take two.wav");
    }

    @Test
    void theSameNameReplacesTheEarlierFile() throws Exception {
        String token = Tokens.user("tenant-m");
        String id = createRelease(token, 1).path("id").asString();
        byte[] first = image("png", 40, 40);
        byte[] second = image("png", 80, 60);

        assertThat(upload("/releases/" + id + "/media/files", token,
                List.of(new Part("files", "artwork.png", null, "image/png", first))).status()).isEqualTo(201);
        Answer replaced = upload("/releases/" + id + "/media/files", token,
                List.of(new Part("files", "artwork.png", null, "image/png", second)));

        assertThat(replaced.status()).as(replaced.text()).isEqualTo(201);
        JsonNode media = http.get("/releases/" + id + "/media", token).json().path("data");
        assertThat(media).hasSize(1);
        assertThat(media.get(0).path("metadata").path("sha256").asString()).isEqualTo(sha256(second));
        assertThat(media.get(0).path("metadata").path("width").asInt()).isEqualTo(80);
        assertThat(media.get(0).path("cloudId").asString()).isEqualTo("tenant-m/releases/" + id + "/release/artwork.png");
        assertThat(uploadedNames(id)).as("the earlier upload's object is deleted").containsExactly("artwork.png");
        assertThat(objectSha256(uploadKey(id, "artwork.png"))).isEqualTo(sha256(second));
        assertThat(sha256(fetch(media.get(0).path("cloudUrl").asString()))).isEqualTo(sha256(second));
    }

    @Test
    void fileNamesAreSanitized() throws Exception {
        String token = Tokens.user("tenant-m");
        String id = createRelease(token, 1).path("id").asString();
        // a very long client name (S3Proxy's filesystem backend cannot store a 255-byte name segment, which
        // FileNames caps at: the cap itself is covered by FileNamesTest)
        String longName = "folder/".repeat(80) + "x".repeat(150) + ".png";

        Answer uploaded = upload("/releases/" + id + "/media/files", token, List.of(
                new Part("files", "../../../etc/escape.png", null, "image/png", image("png", 8, 8)),
                new Part("files", "ignored.png", "UTF-8''nul%00and%07bell%0D%0A.png", "image/png", image("png", 9, 9)),
                new Part("files", "..\\windows\\path.png", null, "image/png", image("png", 10, 10)),
                new Part("files", longName, null, "image/png", image("png", 11, 11))));

        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String prefix = "tenant-m/releases/" + id + "/uploads/";
        List<String> keys = objectsUnder("tenant-m/releases/" + id + "/");
        assertThat(keys).hasSize(4).allSatisfy(key -> {
            assertThat(key).startsWith(prefix);
            String name = key.substring(prefix.length()).split("/", 2)[1];
            assertThat(name).doesNotContain("/", "\\", "..").doesNotContainPattern("\\p{Cntrl}");
            assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        });
        assertThat(uploadedNames(id)).contains("escape.png", "nulandbell.png", "path.png", "x".repeat(150) + ".png");
        assertThat(uploaded.json().path("data").valueStream().map(m -> m.path("cloudId").asString()))
                .contains("tenant-m/releases/" + id + "/release/escape.png");
        assertThat(uploaded.json().path("data").valueStream().map(m -> m.path("name").asString()))
                .contains("escape.png", "nulandbell.png", "path.png");
    }

    @Test
    void anExecutableNamedLikeAudioIsRejectedAndRemoved() throws Exception {
        String token = Tokens.user("tenant-m");
        String id = createRelease(token, 1).path("id").asString();

        Answer spoofed = upload("/releases/" + id + "/media/files", token,
                List.of(new Part("files", "hit.wav", null, "audio/wav", elf(20_000))));

        assertThat(spoofed.status()).as(spoofed.text()).isEqualTo(400);
        assertThat(spoofed.json().path("status").asString()).isEqualTo("error");
        assertThat(spoofed.json().path("message").asString()).contains("named like audio", "application/x-");
        assertThat(objectsUnder("tenant-m/releases/" + id + "/")).isEmpty();
        assertThat(http.get("/releases/" + id + "/media", token).json().path("data")).isEmpty();

        // in a request with a good file, the good one is kept and the refusal reported beside it
        Answer mixed = upload("/releases/" + id + "/media/files", token, List.of(
                new Part("files", "cover.png", null, "image/png", image("png", 12, 12)),
                new Part("files", "tool.mp3", null, "audio/mpeg", elf(5_000))));
        assertThat(mixed.status()).as(mixed.text()).isEqualTo(201);
        assertThat(mixed.json().path("message").asString()).startsWith("1 files uploaded to release");
        assertThat(mixed.json().path("errors").get(0).path("message").asString()).contains("tool.mp3");
        assertThat(uploadedNames(id)).containsExactly("cover.png");
    }

    @Test
    void aSubmittedReleaseTakesNoUploadAndKeepsNoObject() throws Exception {
        String token = Tokens.user("tenant-m");
        String id = createRelease(token, 1).path("id").asString();
        assertThat(http.postJson("/releases/" + id + "/submit", token, Map.of()).status()).isEqualTo(200);

        Answer refused = upload("/releases/" + id + "/media/files", token,
                List.of(new Part("files", "late.png", null, "image/png", image("png", 8, 8))));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().path("message").asString()).contains("'submitted'");
        assertThat(objectsUnder("tenant-m/releases/" + id + "/")).isEmpty();
        assertThat(upload("/releases/" + UUID.randomUUID() + "/media/files", token,
                List.of(new Part("files", "a.png", null, "image/png", image("png", 8, 8)))).status()).isEqualTo(404);
        assertThat(upload("/releases/" + id + "/media/files", Tokens.user("tenant-other"),
                List.of(new Part("files", "a.png", null, "image/png", image("png", 8, 8)))).status()).isEqualTo(404);
    }

    @Test
    void anOversizedFileAnswers413AndLeavesNothing() throws Exception {
        String token = Tokens.user("tenant-m");
        String id = createRelease(token, 1).path("id").asString();
        byte[] big = new byte[(int) MAX_FILE + 100_000];

        Answer tooLarge = upload("/releases/" + id + "/media/files", token, List.of(
                new Part("files", "fine.png", null, "image/png", image("png", 8, 8)),
                new Part("files", "huge.wav", null, "audio/wav", big)));

        assertThat(tooLarge.status()).as(tooLarge.text()).isEqualTo(413);
        assertThat(tooLarge.json().path("status").asString()).isEqualTo("error");
        assertThat(tooLarge.json().path("message").asString()).isNotBlank();
        assertThat(objectsUnder("tenant-m/releases/" + id + "/")).as("the file stored before is removed too").isEmpty();
    }

    /**
     * An upload in flight while the release is submitted never becomes part of it: the gateway's status check (if the
     * submit came first) or the worker's re-check under the release's lock (if the upload passed the gateway first)
     * refuses it, and no object remains. The second case is pinned by the next test.
     */
    @Test
    void aSubmitThatOvertakesAnUploadWins() throws Exception {
        String token = Tokens.user("tenant-m");
        String id = createRelease(token, 1).path("id").asString();
        byte[] wav = wav(44_100, 2, 0.5);
        CountDownLatch halfSent = new CountDownLatch(1);
        CountDownLatch submitted = new CountDownLatch(1);

        // the upload passes the status check and sends half of its body, then waits for the submit
        CompletableFuture<Answer> racing = CompletableFuture.supplyAsync(() -> upload(
                "/releases/" + id + "/media/files", token,
                List.of(new Part("files", "racing.wav", null, "audio/wav", wav)), halfSent, submitted));
        assertThat(halfSent.await(60, TimeUnit.SECONDS)).isTrue();
        Http.Answer submit = http.postJson("/releases/" + id + "/submit", token, Map.of());
        assertThat(submit.status()).as(submit.text()).isEqualTo(200);
        submitted.countDown();

        Answer late = racing.get(120, TimeUnit.SECONDS);
        assertThat(late.status()).as(late.text()).isEqualTo(400);
        assertThat(late.json().path("message").asString()).contains("'submitted'");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(objectsUnder("tenant-m/releases/" + id + "/")).isEmpty());
        JsonNode read = http.get("/releases/" + id, token).json().path("data");
        assertThat(read.path("status").asString()).isEqualTo("submitted");
        assertThat(http.get("/releases/" + id + "/media", token).json().path("data")).isEmpty();
    }

    /**
     * The worker's side of the race, made certain: the file is stored, the release submitted, and only then does its
     * RegisterMedia arrive (as when the gateway's status check passed just before the submit). The worker re-checks
     * the status and removes the object.
     */
    @Test
    void aRegistrationThatArrivesAfterTheSubmitIsRefusedAndItsObjectRemoved() throws Exception {
        String token = Tokens.user("tenant-m");
        String id = createRelease(token, 1).path("id").asString();
        byte[] wav = wav(22_050, 1, 0.2);
        String uploadId = UUID.randomUUID().toString();
        String key = StorageKeys.upload("tenant-m", id, uploadId, "overtaken.wav");
        String etag = s3.putObject(io.minio.PutObjectArgs.builder().bucket(tempBucket).object(key)
                .stream(new java.io.ByteArrayInputStream(wav), wav.length, -1)
                .userMetadata(Map.of("sha256", sha256(wav))).build()).etag();
        assertThat(http.postJson("/releases/" + id + "/submit", token, Map.of()).status()).isEqualTo(200);

        RegisterMedia register = new RegisterMedia(uploadId, id, null, tempBucket,
                StorageKeys.releaseFile("tenant-m", id, "overtaken.wav"), "overtaken.wav", "overtaken.wav",
                wav.length, sha256(wav), "audio/wav", java.time.Instant.now(), key, etag.replace("\"", ""));
        publish(Envelope.create(ReleaseMessages.REGISTER_MEDIA, "/media-it", id, "tenant-m", null, register));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(objectsUnder(key)).isEmpty());
        assertThat(http.get("/releases/" + id + "/media", token).json().path("data")).isEmpty();
        assertThat(http.get("/releases/" + id, token).json().path("data").path("status").asString())
                .isEqualTo("submitted");
    }

    @Test
    void deletingMediaRemovesItsRowAndObject() throws Exception {
        String token = Tokens.user("tenant-m");
        String id = createRelease(token, 1).path("id").asString();
        Answer uploaded = upload("/releases/" + id + "/media/files", token, List.of(
                new Part("files", "one.png", null, "image/png", image("png", 8, 8)),
                new Part("files", "two words.png", null, "image/png", image("png", 9, 9))));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        String prefix = "tenant-m/releases/" + id + "/release/";
        assertThat(uploadedNames(id)).containsExactlyInAnyOrder("one.png", "two words.png");

        Http.Answer deleted = delete("/releases/" + id + "/media/" + prefix + "one.png", token);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("message").asString()).isEqualTo("Media deleted successfully");
        Http.Answer relative = delete("/releases/" + id + "/media/release/two%20words.png", token);
        assertThat(relative.status()).as(relative.text()).isEqualTo(200);

        // the rows go in the worker's transaction, which the 200 answers; the objects after its commit
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(objectsUnder("tenant-m/releases/" + id + "/")).isEmpty());
        assertThat(http.get("/releases/" + id + "/media", token).json().path("data")).isEmpty();
        assertThat(delete("/releases/" + id + "/media/" + prefix + "one.png", token).status()).isEqualTo(404);

        upload("/releases/" + id + "/media/files", token,
                List.of(new Part("files", "kept.png", null, "image/png", image("png", 8, 8))));
        assertThat(http.postJson("/releases/" + id + "/submit", token, Map.of()).status()).isEqualTo(200);
        Http.Answer tooLate = delete("/releases/" + id + "/media/" + prefix + "kept.png", token);
        assertThat(tooLate.status()).isEqualTo(400);
        assertThat(tooLate.json().path("message").asString()).contains("'submitted'");
        assertThat(uploadedNames(id)).containsExactly("kept.png");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static JsonNode createRelease(String token, int tracks) {
        Http.Answer created = http.postJson("/releases", token, ReleaseIT.release("Media " + UUID.randomUUID(), tracks));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("data");
    }

    private static JsonNode byName(JsonNode media, String name) {
        return media.valueStream().filter(m -> m.path("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no media named " + name + " in " + media));
    }

    /** A file part; {@code fileNameStar} is an RFC 5987 {@code filename*} value sent beside {@code fileName}. */
    record Part(String field, String fileName, String fileNameStar, String contentType, byte[] bytes) {
    }

    record Answer(int status, String text) {

        JsonNode json() {
            return text == null || text.isBlank() ? null : Http.JSON.readTree(text);
        }
    }

    private Answer upload(String path, String token, List<Part> parts) {
        return upload(path, token, parts, null, null);
    }

    /** Uploads; with latches, sends half of the body, counts {@code halfSent} down and waits for {@code resume}. */
    private Answer upload(String path, String token, List<Part> parts, CountDownLatch halfSent,
                          CountDownLatch resume) {
        String boundary = "----catalog" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(part.field()).append("\"; filename=\"")
                    .append(part.fileName().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            if (part.fileNameStar() != null) {
                head.append("; filename*=").append(part.fileNameStar());
            }
            head.append("\r\nContent-Type: ").append(part.contentType()).append("\r\n\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        HttpRequest.BodyPublisher publisher = halfSent == null ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> pausing(bytes, halfSent, resume)), bytes.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(publisher).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static InputStream pausing(byte[] bytes, CountDownLatch halfSent, CountDownLatch resume) {
        int half = bytes.length / 2;
        InputStream first = new java.io.ByteArrayInputStream(bytes, 0, half);
        InputStream rest = new InputStream() {
            private InputStream delegate;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                if (delegate == null) {
                    halfSent.countDown();
                    try {
                        if (!resume.await(60, TimeUnit.SECONDS)) {
                            throw new IOException("not resumed");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                    delegate = new java.io.ByteArrayInputStream(bytes, half, bytes.length - half);
                }
                return delegate.read(target, offset, length);
            }
        };
        return new SequenceInputStream(first, rest);
    }

    private static void publish(Envelope<?> envelope) throws Exception {
        WireRecord wire = new EnvelopeCodec(Messages.registry(), Http.JSON).encode(envelope);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    pipeline.isolation().topic(Topics.RELEASE_COMMANDS), wire.key(), wire.value());
            wire.headers().forEach((name, value) -> record.headers().add(name, value));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private Http.Answer delete(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).DELETE().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] fetch(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static List<String> objectsUnder(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket(tempBucket).prefix(prefix)
                .recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    /** The file names of the release's upload objects in the temporary bucket ({@code …/uploads/{id}/{name}}). */
    private static List<String> uploadedNames(String releaseId) throws Exception {
        String prefix = "tenant-m/releases/" + releaseId + "/";
        List<String> names = new ArrayList<>();
        for (String key : objectsUnder(prefix)) {
            assertThat(StorageKeys.isUploadOf("tenant-m", releaseId, key)).as(key).isTrue();
            names.add(key.substring(key.lastIndexOf('/') + 1));
        }
        return names;
    }

    /** The key of the one upload object of the release named {@code name}. */
    private static String uploadKey(String releaseId, String name) throws Exception {
        List<String> keys = objectsUnder("tenant-m/releases/" + releaseId + "/uploads/").stream()
                .filter(key -> key.endsWith("/" + name)).toList();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    private static String objectSha256(String key) throws Exception {
        return s3.statObject(StatObjectArgs.builder().bucket(tempBucket).object(key).build()).userMetadata()
                .get("sha256");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** 16-bit PCM WAV of a 440 Hz tone. */
    static byte[] wav(int sampleRate, int channels, double seconds) {
        int frames = (int) Math.round(sampleRate * seconds);
        int dataSize = frames * channels * 2;
        ByteBuffer buffer = ByteBuffer.allocate(44 + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataSize)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        buffer.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(sampleRate).putInt(sampleRate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16);
        buffer.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataSize);
        for (int i = 0; i < frames; i++) {
            short sample = (short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 8000);
            for (int c = 0; c < channels; c++) {
                buffer.putShort(sample);
            }
        }
        return buffer.array();
    }

    /** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, stereo: silent frames (all-zero side information), 1152 samples each. */
    static byte[] mp3(int frames) {
        int frameLength = 144 * 128_000 / 44_100;
        byte[] bytes = new byte[frames * frameLength];
        for (int i = 0; i < frames; i++) {
            int at = i * frameLength;
            bytes[at] = (byte) 0xFF;
            bytes[at + 1] = (byte) 0xFB;
            bytes[at + 2] = (byte) 0x90;
            bytes[at + 3] = 0;
        }
        return bytes;
    }

    /** The start of a 64-bit ELF executable, padded to {@code size}. */
    static byte[] elf(int size) {
        byte[] bytes = new byte[size];
        byte[] header = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, 1, 0, 0, 0};
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(width * 3 % 256, height * 5 % 256, 120));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
