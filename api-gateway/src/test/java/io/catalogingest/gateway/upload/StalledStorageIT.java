package io.catalogingest.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import io.catalogingest.gateway.upload.UploadProperties.Sha256Metadata;
import io.catalogingest.testsupport.PausableS3;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;

/**
 * An S3 server that stalls (SIGSTOP) in the middle of an upload: the upload fails with a 503 within the configured
 * stall timeout instead of hanging, and once the server answers again its multipart upload is gone (aborted in the
 * background) and no object was created.
 */
class StalledStorageIT {

    private static final int MIB = 1024 * 1024;
    private static final Duration STALL = Duration.ofSeconds(2);
    private static final String BUCKET = "stalled-uploads";

    private static PausableS3 server;
    private static S3StreamingClient s3;
    private static ObjectUploader uploader;

    @BeforeAll
    static void start() {
        server = PausableS3.start(BUCKET);
        UploadProperties properties = new UploadProperties(DataSize.ofMegabytes(100), DataSize.ofMegabytes(200), 20, 50,
                DataSize.ofKilobytes(64), DataSize.ofKilobytes(8), 4, Duration.ZERO, Duration.ofSeconds(5),
                DataSize.ofMegabytes(5), 2, Sha256Metadata.SINGLE_PUT_OBJECTS, Duration.ofMinutes(1), STALL);
        s3 = new S3StreamingClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(STALL).build(), URI.create(server.endpoint()),
                new SigV4Signer(server.accessKey(), server.secretKey(), "us-east-1"), Duration.ofMinutes(1), STALL,
                Clock.systemUTC(), Executors.newCachedThreadPool());
        uploader = new ObjectUploader(s3, new PartBuffers(properties), new UploadGate(properties), properties);
    }

    @AfterEach
    void resume() {
        server.resume();
    }

    @AfterAll
    static void stop() {
        if (uploader != null) {
            uploader.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStallInTheMiddleOfAMultipartUploadIsA503WithinTheBoundAndTheUploadIsAbortedOnceS3IsBack() throws Exception {
        byte[] content = random(12 * MIB + 7);
        // the server stalls once the stream has given the first two parts: the third part (at least) meets it
        InputStream stallsMidway = new StallingStream(content, 10 * MIB + MIB / 2);

        long start = System.nanoTime();
        assertThatThrownBy(() -> uploader.upload(stallsMidway, BUCKET, "t1/stalled.wav", "audio/wav", null, 100 * MIB))
                .isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.retryAfter()).isPresent();
                });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(STALL.multipliedBy(3));

        server.resume();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(s3.listMultipartUploads(BUCKET, "t1/")).isEmpty());
        assertAbsent("t1/stalled.wav");
    }

    @Test
    void aStalledServerFailsASmallUploadWithinTheBound() {
        server.pause();
        long start = System.nanoTime();
        assertThatThrownBy(() -> uploader.upload(new ByteArrayInputStream(random(1000)), BUCKET, "t1/small.png",
                "image/png", null, MIB)).isInstanceOf(StorageUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STALL.multipliedBy(3));
        server.resume();
        // the PUT's bytes may sit whole in the paused server's socket: it can still store them once resumed, and the
        // uploader removes such an object in the background (discardLater) as soon as S3 answers again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertAbsent("t1/small.png"));
    }

    private static void assertAbsent(String key) {
        assertThatThrownBy(() -> server.client().statObject(StatObjectArgs.builder().bucket(BUCKET).object(key).build()))
                .isInstanceOf(ErrorResponseException.class);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Gives its bytes; the first read past {@code stallAt} stalls the S3 server first. */
    private static final class StallingStream extends InputStream {

        private final byte[] data;
        private final int stallAt;
        private int position;
        private boolean stalled;

        StallingStream(byte[] data, int stallAt) {
            this.data = data;
            this.stallAt = stallAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= data.length) {
                return -1;
            }
            if (!stalled && position >= stallAt) {
                server.pause();
                stalled = true;
            }
            int limit = stalled ? data.length : stallAt;
            int n = Math.min(length, Math.min(64 * 1024, limit - position));
            System.arraycopy(data, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
