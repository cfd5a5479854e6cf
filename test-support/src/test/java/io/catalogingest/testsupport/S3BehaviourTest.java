package io.catalogingest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.Directive;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;

/**
 * Every S3 operation the pipeline relies on, one named test each, against whatever S3 the test infrastructure
 * provides (S3Proxy here, MinIO or AWS where configured). A server that lacks a behaviour shows up here by name,
 * not as a broken approval. Objects are generated as streams; the multipart ones are a few parts of 5 MiB.
 */
@CatalogInfrastructureTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BehaviourTest {

    private static final long PART = 5L * 1024 * 1024;
    private static final long MULTIPART_SIZE = 2 * PART + 12_345; // three parts, the last one short

    private final Infrastructure infrastructure;
    private MinioClient s3;
    private String temp;
    private String media;

    S3BehaviourTest(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    @BeforeAll
    void buckets() {
        Isolation isolation = infrastructure.isolate();
        s3 = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
        temp = isolation.tempBucket();
        media = isolation.mediaBucket();
    }

    @Test
    void multipartUploadCompletesWithAMultipartEtagAndTheBytesSent() throws Exception {
        Stored stored = putMultipart(temp, "mpu/a.bin", MULTIPART_SIZE, 1, Map.of());

        StatObjectResponse stat = stat(temp, "mpu/a.bin");
        assertThat(stat.size()).isEqualTo(MULTIPART_SIZE);
        assertThat(unquoted(stat.etag())).isEqualTo(stored.etag()).endsWith("-3");
        assertThat(sha256Of(temp, "mpu/a.bin")).isEqualTo(stored.sha256());
    }

    @Test
    void headReturnsSizeEtagContentTypeAndUserMetadata() throws Exception {
        Stored stored = putSingle(temp, "head/a.bin", 1000, 2, Map.of("sha256", "abc123"), "image/png");

        StatObjectResponse stat = stat(temp, "head/a.bin");
        assertThat(stat.size()).isEqualTo(1000);
        assertThat(unquoted(stat.etag())).isEqualTo(stored.etag()).matches("[0-9a-f]{32}");
        assertThat(stat.contentType()).isEqualTo("image/png");
        assertThat(lowerCase(stat.userMetadata())).containsEntry("sha256", "abc123");
    }

    @Test
    void copyObjectWithoutADirectiveKeepsTheSourceMetadataAndIgnoresTheNewOne() throws Exception {
        putMultipart(temp, "copy-default/a.bin", MULTIPART_SIZE, 3, Map.of());

        s3.copyObject(CopyObjectArgs.builder().bucket(media).object("copy-default/a.bin")
                .source(CopySource.builder().bucket(temp).object("copy-default/a.bin").build())
                .userMetadata(Map.of("sha256", "stamped")).build());

        // the defect of issue 9: S3's default directive is COPY, so user metadata sent with the copy is dropped
        assertThat(lowerCase(stat(media, "copy-default/a.bin").userMetadata())).doesNotContainKey("sha256");
    }

    @Test
    void copyObjectWithReplaceDirectiveStampsMetadataOnAMultipartUploadedObject() throws Exception {
        Stored stored = putMultipart(temp, "copy-replace/a.bin", MULTIPART_SIZE, 4, Map.of("old", "x"));

        s3.copyObject(CopyObjectArgs.builder().bucket(media).object("copy-replace/a.bin")
                .source(CopySource.builder().bucket(temp).object("copy-replace/a.bin").build())
                .metadataDirective(Directive.REPLACE).headers(Map.of("Content-Type", "audio/wav"))
                .userMetadata(Map.of("sha256", stored.sha256())).build());

        StatObjectResponse copied = stat(media, "copy-replace/a.bin");
        assertThat(copied.size()).isEqualTo(MULTIPART_SIZE);
        assertThat(lowerCase(copied.userMetadata())).containsEntry("sha256", stored.sha256()).doesNotContainKey("old");
        assertThat(copied.contentType()).isEqualTo("audio/wav");
        assertThat(sha256Of(media, "copy-replace/a.bin")).isEqualTo(stored.sha256());
    }

    @Test
    void copyOfASinglePutObjectKeepsItsMd5Etag() throws Exception {
        Stored stored = putSingle(temp, "copy-etag/a.bin", 300_000, 5, Map.of(), "application/octet-stream");

        s3.copyObject(CopyObjectArgs.builder().bucket(media).object("copy-etag/a.bin")
                .source(CopySource.builder().bucket(temp).object("copy-etag/a.bin").build())
                .metadataDirective(Directive.REPLACE).userMetadata(Map.of("sha256", stored.sha256())).build());

        assertThat(unquoted(stat(media, "copy-etag/a.bin").etag())).isEqualTo(stored.etag());
    }

    @Test
    void copyIfMatchCopiesWhenTheEtagMatches() throws Exception {
        Stored stored = putMultipart(temp, "if-match/a.bin", MULTIPART_SIZE, 6, Map.of());

        s3.copyObject(CopyObjectArgs.builder().bucket(media).object("if-match/a.bin")
                .source(CopySource.builder().bucket(temp).object("if-match/a.bin")
                        .matchETag("\"" + stored.etag() + "\"").build())
                .metadataDirective(Directive.REPLACE).userMetadata(Map.of("sha256", stored.sha256())).build());

        assertThat(sha256Of(media, "if-match/a.bin")).isEqualTo(stored.sha256());
    }

    @Test
    void copyIfMatchFailsWithPreconditionFailedOnAnotherEtag() throws Exception {
        putSingle(temp, "if-match-wrong/a.bin", 2000, 7, Map.of(), "application/octet-stream");

        assertThatThrownBy(() -> s3.copyObject(CopyObjectArgs.builder().bucket(media).object("if-match-wrong/a.bin")
                .source(CopySource.builder().bucket(temp).object("if-match-wrong/a.bin")
                        .matchETag("\"0123456789abcdef0123456789abcdef\"").build())
                .metadataDirective(Directive.REPLACE).userMetadata(Map.of("sha256", "x")).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class, e ->
                        assertThat(e.errorResponse().code()).isEqualTo("PreconditionFailed"));
        assertThat(exists(media, "if-match-wrong/a.bin")).isFalse();
    }

    @Test
    void uploadPartCopyComposesRangesWithNewMetadataAndIfMatch() throws Exception {
        Stored stored = putMultipart(temp, "compose/a.bin", MULTIPART_SIZE, 8, Map.of());
        String ifMatch = "\"" + stored.etag() + "\"";
        List<ComposeSource> ranges = List.of(
                ComposeSource.builder().bucket(temp).object("compose/a.bin").offset(0L).length(PART)
                        .matchETag(ifMatch).build(),
                ComposeSource.builder().bucket(temp).object("compose/a.bin").offset(PART)
                        .length(MULTIPART_SIZE - PART).matchETag(ifMatch).build());

        s3.composeObject(ComposeObjectArgs.builder().bucket(media).object("compose/a.bin").sources(ranges)
                .headers(Map.of("Content-Type", "audio/flac")).userMetadata(Map.of("sha256", stored.sha256()))
                .build());

        StatObjectResponse composed = stat(media, "compose/a.bin");
        assertThat(composed.size()).isEqualTo(MULTIPART_SIZE);
        assertThat(lowerCase(composed.userMetadata())).containsEntry("sha256", stored.sha256());
        assertThat(composed.contentType()).isEqualTo("audio/flac");
        assertThat(sha256Of(media, "compose/a.bin")).isEqualTo(stored.sha256());
    }

    @Test
    void uploadPartCopyFailsOnAnotherEtag() throws Exception {
        putMultipart(temp, "compose-wrong/a.bin", MULTIPART_SIZE, 9, Map.of());
        String wrong = "\"0123456789abcdef0123456789abcdef-3\"";
        List<ComposeSource> ranges = List.of(
                ComposeSource.builder().bucket(temp).object("compose-wrong/a.bin").offset(0L).length(PART)
                        .matchETag(wrong).build(),
                ComposeSource.builder().bucket(temp).object("compose-wrong/a.bin").offset(PART)
                        .length(MULTIPART_SIZE - PART).matchETag(wrong).build());

        assertThatThrownBy(() -> s3.composeObject(ComposeObjectArgs.builder().bucket(media)
                .object("compose-wrong/a.bin").sources(ranges).userMetadata(Map.of("sha256", "x")).build()))
                .isInstanceOf(ErrorResponseException.class);
        assertThat(exists(media, "compose-wrong/a.bin")).isFalse();
    }

    @Test
    void presignedGetServesTheObjectOverPlainHttp() throws Exception {
        Stored stored = putMultipart(temp, "presigned/a b.bin", MULTIPART_SIZE, 10, Map.of());
        String url = s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(temp)
                .object("presigned/a b.bin").expiry(10, TimeUnit.MINUTES).build());

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            assertThat(sha256(body)).isEqualTo(stored.sha256());
        }
    }

    @Test
    void deleteRemovesTheObjectAndDeletingAMissingOneSucceeds() throws Exception {
        putSingle(temp, "delete/a.bin", 10, 11, Map.of(), "application/octet-stream");

        s3.removeObject(RemoveObjectArgs.builder().bucket(temp).object("delete/a.bin").build());
        s3.removeObject(RemoveObjectArgs.builder().bucket(temp).object("delete/a.bin").build());

        assertThat(exists(temp, "delete/a.bin")).isFalse();
    }

    @Test
    void emptyObjectCopiesWithReplacedMetadata() throws Exception {
        Stored stored = putSingle(temp, "empty/a.bin", 0, 12, Map.of(), "application/octet-stream");

        s3.copyObject(CopyObjectArgs.builder().bucket(media).object("empty/a.bin")
                .source(CopySource.builder().bucket(temp).object("empty/a.bin")
                        .matchETag("\"" + stored.etag() + "\"").build())
                .metadataDirective(Directive.REPLACE).userMetadata(Map.of("sha256", stored.sha256())).build());

        StatObjectResponse copied = stat(media, "empty/a.bin");
        assertThat(copied.size()).isZero();
        assertThat(lowerCase(copied.userMetadata())).containsEntry("sha256", stored.sha256());
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private record Stored(String etag, String sha256) {
    }

    /** A put of unknown length with 5 MiB parts: a multipart upload once more than one part is sent. */
    private Stored putMultipart(String bucket, String key, long size, long seed, Map<String, String> metadata)
            throws Exception {
        RandomStream in = new RandomStream(size, seed);
        ObjectWriteResponse response = s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(in, -1, PART).userMetadata(metadata).build());
        return new Stored(unquoted(response.etag()), in.sha256());
    }

    private Stored putSingle(String bucket, String key, long size, long seed, Map<String, String> metadata,
                             String contentType) throws Exception {
        RandomStream in = new RandomStream(size, seed);
        ObjectWriteResponse response = s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(in, size, -1).contentType(contentType).userMetadata(metadata).build());
        return new Stored(unquoted(response.etag()), in.sha256());
    }

    private StatObjectResponse stat(String bucket, String key) throws Exception {
        return s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
    }

    private boolean exists(String bucket, String key) throws Exception {
        try {
            stat(bucket, key);
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }

    private String sha256Of(String bucket, String key) throws Exception {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Map<String, String> lowerCase(Map<String, String> metadata) {
        Map<String, String> lower = new TreeMap<>();
        metadata.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private static String unquoted(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    /** {@code size} pseudo-random bytes, generated as read, hashed on the way. */
    private static final class RandomStream extends InputStream {

        private final Random random;
        private final MessageDigest digest;
        private long remaining;

        RandomStream(long size, long seed) throws Exception {
            this.random = new Random(seed);
            this.digest = MessageDigest.getInstance("SHA-256");
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            digest.update(chunk);
            remaining -= n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
