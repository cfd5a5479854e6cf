package io.catalogingest.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import io.catalogingest.gateway.upload.UploadProperties.Sha256Metadata;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;

/** The uploader against a real S3 API server (S3Proxy here, MinIO where Docker runs). */
@CatalogInfrastructureTest
class ObjectUploaderIT {

    private static final int MIB = 1024 * 1024;

    private static String bucket;
    private static MinioClient minio;
    private static S3StreamingClient s3;

    @BeforeAll
    static void connect(Infrastructure infrastructure) {
        Isolation isolation = infrastructure.isolate();
        bucket = isolation.tempBucket();
        minio = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
        s3 = client(infrastructure.s3Endpoint(), infrastructure.s3AccessKey(), infrastructure.s3SecretKey());
    }

    @Test
    void aSmallFileIsOnePutWithItsHash() throws Exception {
        byte[] content = random(1, 1000);
        StoredObject stored = uploader(Sha256Metadata.ALL_OBJECTS, 1)
                .upload(new ByteArrayInputStream(content), bucket, "t1/small.wav", "audio/wav; codecs=1", "small.wav", 10 * MIB);

        assertStored(stored, "t1/small.wav", content);
        assertThat(stored.contentTypeHeader()).isEqualTo("audio/wav; codecs=1");
        assertThat(stored.clientFileName()).isEqualTo("small.wav");
        assertThat(stat("t1/small.wav").contentType()).isEqualTo("audio/wav");
    }

    @Test
    void aLargeFileGoesInPartsAndKeepsItsHash() throws Exception {
        byte[] content = random(2, 12 * MIB + 3);
        StoredObject stored = uploader(Sha256Metadata.ALL_OBJECTS, 1)
                .upload(new Trickle(content), bucket, "t1/releases/r1/release/Naïve song (1).wav", "audio/wav", null, 20 * MIB);

        assertStored(stored, "t1/releases/r1/release/Naïve song (1).wav", content);
        assertThat(s3.listMultipartUploads(bucket, "t1/")).isEmpty();
    }

    @Test
    void exactMultiplesOfThePartSizeWork() throws Exception {
        byte[] one = random(3, 5 * MIB);
        assertStored(uploader(Sha256Metadata.ALL_OBJECTS, 1).upload(new ByteArrayInputStream(one), bucket, "t1/one",
                null, null, 20 * MIB), "t1/one", one);
        byte[] two = random(4, 10 * MIB);
        assertStored(uploader(Sha256Metadata.ALL_OBJECTS, 2).upload(new ByteArrayInputStream(two), bucket, "t1/two",
                null, null, 20 * MIB), "t1/two", two);
    }

    @Test
    void concurrentUploadsShareTheBufferBudget() throws Exception {
        UploadProperties properties = properties(Sha256Metadata.SINGLE_PUT_OBJECTS, 3); // 4 slots, 8 buffers
        PartBuffers buffers = new PartBuffers(properties);
        ObjectUploader uploader = new ObjectUploader(s3, buffers, new UploadGate(properties), properties);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<StoredObject>> uploads = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byte[] content = random(20 + i, 16 * MIB + i);
                contents.add(content);
                String key = "t6/concurrent-" + i;
                uploads.add(pool.submit(() -> uploader.upload(new Trickle(content), bucket, key, null, null, 20 * MIB)));
            }
            for (int i = 0; i < 4; i++) {
                StoredObject stored = uploads.get(i).get(2, TimeUnit.MINUTES);
                assertThat(stored.sha256Hex()).isEqualTo(sha256(contents.get(i)));
                assertThat(sha256(download(stored.key()))).isEqualTo(stored.sha256Hex());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(buffers.available()).isEqualTo(8);
    }

    @Test
    void singlePutOnlyModeLeavesLargeObjectsWithoutMetadata() throws Exception {
        byte[] content = random(5, 11 * MIB);
        StoredObject stored = uploader(Sha256Metadata.SINGLE_PUT_OBJECTS, 2)
                .upload(new ByteArrayInputStream(content), bucket, "t1/nometa", null, null, 20 * MIB);

        assertThat(stored.sha256Hex()).isEqualTo(sha256(content));
        assertThat(download("t1/nometa")).isEqualTo(content);
        assertThat(stat("t1/nometa").userMetadata()).doesNotContainKey("sha256");
    }

    @Test
    void tooLargeLeavesNothingBehind() throws Exception {
        byte[] content = random(6, 13 * MIB);
        assertThatThrownBy(() -> uploader(Sha256Metadata.ALL_OBJECTS, 1)
                .upload(new ByteArrayInputStream(content), bucket, "t2/too-large", null, null, 12 * MIB))
                .isInstanceOf(UploadTooLargeException.class);

        assertAbsent("t2/too-large");
        assertThat(s3.listMultipartUploads(bucket, "t2/")).isEmpty();
    }

    @Test
    void aBrokenClientStreamLeavesNothingBehind() throws Exception {
        InputStream breaking = new Trickle(random(7, 20 * MIB)) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 11L * MIB) {
                    throw new IOException("Connection reset by peer");
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
        assertThatThrownBy(() -> uploader(Sha256Metadata.ALL_OBJECTS, 1)
                .upload(breaking, bucket, "t3/broken", null, null, 100 * MIB))
                .isInstanceOfSatisfying(UploadRejectedException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));

        assertAbsent("t3/broken");
        assertThat(s3.listMultipartUploads(bucket, "t3/")).isEmpty();
    }

    @Test
    void anUnreachableStorageIsServiceUnavailable() {
        UploadProperties properties = properties(Sha256Metadata.ALL_OBJECTS, 1);
        ObjectUploader down = new ObjectUploader(client("http://127.0.0.1:1", "k", "s"), new PartBuffers(properties),
                new UploadGate(properties), properties);
        assertThatThrownBy(() -> down.upload(new ByteArrayInputStream(random(8, 100)), bucket, "t4/x", null, null, MIB))
                .isInstanceOfSatisfying(StorageUnavailableException.class,
                        e -> assertThat(e.retryAfter()).isPresent());
    }

    @Test
    void deleteRemovesAndToleratesAbsence() throws Exception {
        ObjectUploader uploader = uploader(Sha256Metadata.ALL_OBJECTS, 1);
        uploader.upload(new ByteArrayInputStream(random(9, 10)), bucket, "t5/gone", null, null, MIB);
        uploader.delete(bucket, "t5/gone");
        assertAbsent("t5/gone");
        uploader.delete(bucket, "t5/gone");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void assertStored(StoredObject stored, String key, byte[] content) throws Exception {
        String sha256 = sha256(content);
        assertThat(stored.bucket()).isEqualTo(bucket);
        assertThat(stored.key()).isEqualTo(key);
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256Hex()).isEqualTo(sha256);
        assertThat(stored.etag()).isNotBlank().doesNotContain("\"");
        StatObjectResponse stat = stat(key);
        assertThat(stat.size()).isEqualTo(content.length);
        assertThat(stat.userMetadata()).containsEntry("sha256", sha256);
        assertThat(sha256(download(key))).isEqualTo(sha256);
    }

    private static void assertAbsent(String key) {
        assertThatThrownBy(() -> stat(key)).isInstanceOfSatisfying(ErrorResponseException.class,
                e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    private static StatObjectResponse stat(String key) throws Exception {
        return minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
    }

    private static byte[] download(String key) throws Exception {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static ObjectUploader uploader(Sha256Metadata mode, int partsInFlight) {
        UploadProperties properties = properties(mode, partsInFlight);
        return new ObjectUploader(s3, new PartBuffers(properties), new UploadGate(properties), properties);
    }

    private static UploadProperties properties(Sha256Metadata mode, int partsInFlight) {
        return new UploadProperties(DataSize.ofMegabytes(100), DataSize.ofMegabytes(200), 20, 50, DataSize.ofKilobytes(64),
                DataSize.ofKilobytes(8), 4, Duration.ZERO, Duration.ofSeconds(5), DataSize.ofMegabytes(5), partsInFlight,
                mode, Duration.ofMinutes(1), Duration.ofSeconds(30));
    }

    private static S3StreamingClient client(String endpoint, String accessKey, String secretKey) {
        return new S3StreamingClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build(), URI.create(endpoint),
                new SigV4Signer(accessKey, secretKey, "us-east-1"), Duration.ofMinutes(1), Duration.ofSeconds(30),
                Clock.systemUTC(),
                Executors.newCachedThreadPool());
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Serves a byte array in chunks of at most 8 KiB, like a servlet input stream. */
    static class Trickle extends InputStream {

        private final byte[] data;
        private int pos;

        Trickle(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 8192), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
