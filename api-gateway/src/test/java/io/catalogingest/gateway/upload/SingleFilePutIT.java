package io.catalogingest.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import io.catalogingest.gateway.upload.UploadProperties.Sha256Metadata;
import io.catalogingest.testsupport.PausableS3;
import io.minio.GetObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;

/**
 * A request's only file goes to S3 as one streamed PUT of the length the request's Content-Length gives it
 * ({@link MultipartUploadReader#forSingleFile}), against a real S3 API server (an S3Proxy of this test's own, which
 * it can stall): exact bytes stored; nothing stored when the file is not followed by the closing delimiter alone or
 * when S3 stalls mid-PUT; chunked requests still go as multipart uploads.
 */
class SingleFilePutIT {

    private static final int MIB = 1024 * 1024;
    private static final String BOUNDARY = "----singlePut7MA4YWxkTrZu0gW";
    private static final String BUCKET = "single-put";
    private static final Duration STALL = Duration.ofSeconds(2);

    private static PausableS3 server;
    private static S3StreamingClient s3;
    private static MultipartUploadReader reader;
    private static ObjectUploader uploader;

    @BeforeAll
    static void start() {
        server = PausableS3.start(BUCKET);
        UploadProperties properties = new UploadProperties(DataSize.ofMegabytes(100), DataSize.ofMegabytes(200), 20,
                50, DataSize.ofKilobytes(64), DataSize.ofKilobytes(8), 4, Duration.ZERO, Duration.ofSeconds(5),
                DataSize.ofMegabytes(5), 2, Sha256Metadata.SINGLE_PUT_OBJECTS, Duration.ofMinutes(1), STALL);
        s3 = new S3StreamingClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(STALL).build(), URI.create(server.endpoint()),
                new SigV4Signer(server.accessKey(), server.secretKey(), "us-east-1"), Duration.ofMinutes(1), STALL,
                Clock.systemUTC(), Executors.newCachedThreadPool());
        UploadGate gate = new UploadGate(properties);
        reader = new MultipartUploadReader(properties, gate);
        uploader = new ObjectUploader(s3, new PartBuffers(properties), gate, properties);
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
    void aLoneFileAboveThePartSizeIsOnePutOfExactlyItsBytes() throws Exception {
        long size = 12L * MIB + 5;
        Body body = body(List.of(field("note", "before the file"), fileHead("track.wav")), new Generated(1, size),
                closing());

        StoredObject stored = upload(request(body, true), "t1/track.wav");

        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.sha256Hex()).isEqualTo(sha256(new Generated(1, size)));
        // S3 gives a multipart object an ETag "<md5 of the parts' md5s>-<parts>"; a single PUT the content's MD5
        assertThat(stored.etag()).doesNotContain("-").isEqualTo(md5(new Generated(1, size)));
        StatObjectResponse stat = stat("t1/track.wav");
        assertThat(stat.size()).isEqualTo(size);
        assertThat(stat.contentType()).isEqualTo("audio/wav");
        assertThat(stat.headers().get("Content-Encoding")).isNull(); // aws-chunked is the transfer's, not the object's
        try (InputStream in = server.client().getObject(GetObjectArgs.builder().bucket(BUCKET).object("t1/track.wav")
                .build())) {
            assertThat(sha256(in)).isEqualTo(stored.sha256Hex());
        }
        assertThat(s3.listMultipartUploads(BUCKET, "t1/")).isEmpty();
    }

    @Test
    void aFileNotFollowedByTheClosingDelimiterAloneStoresNothingAndIsA400() throws Exception {
        long size = 7L * MIB;
        byte[] close = closing();
        List<byte[]> endings = List.of(
                concat(field("note", "after the file"), close),                        // another part follows
                ("--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII),          // no CRLF after the delimiter
                concat(close, "trailing bytes".getBytes(StandardCharsets.US_ASCII)));  // an epilogue
        for (int i = 0; i < endings.size(); i++) {
            String key = "t2/ending-" + i + ".wav";
            Body body = body(List.of(fileHead("track.wav")), new Generated(2, size),
                    concat("\r\n".getBytes(StandardCharsets.US_ASCII), endings.get(i)));
            assertThatThrownBy(() -> upload(request(body, true), key))
                    .isInstanceOfSatisfying(UploadRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                    .hasMessageContaining("last part");
            // the server got the PUT cut short before its last byte: it must not store what arrived
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertAbsent(key));
        }
        assertThat(s3.listMultipartUploads(BUCKET, "t2/")).isEmpty();
    }

    @Test
    void aChunkedRequestStillGoesAsAMultipartUpload() throws Exception {
        long size = 11L * MIB + 3;
        Body body = body(List.of(fileHead("track.wav")), new Generated(3, size), closing());

        StoredObject stored = upload(request(body, false), "t3/chunked.wav");

        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.sha256Hex()).isEqualTo(sha256(new Generated(3, size)));
        assertThat(stored.etag()).endsWith("-3");
        assertThat(stat("t3/chunked.wav").size()).isEqualTo(size);
    }

    @Test
    void aStallInTheMiddleOfTheSinglePutIsA503WithinTheBoundAndStoresNothing() throws Exception {
        long size = 20L * MIB;
        // the server stalls once 8 MiB of the file have gone by
        Generated file = new Generated(4, size) {
            private boolean paused;

            @Override
            protected void reached(long position) {
                if (!paused && position >= 8L * MIB) {
                    server.pause();
                    paused = true;
                }
            }
        };
        Body body = body(List.of(fileHead("track.wav")), file, closing());

        long start = System.nanoTime();
        assertThatThrownBy(() -> upload(request(body, true), "t4/stalled.wav"))
                .isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.retryAfter()).isPresent();
                })
                .hasMessageContaining("PutObject");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STALL.multipliedBy(3));

        server.resume();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertAbsent("t4/stalled.wav"));
        assertThat(s3.listMultipartUploads(BUCKET, "t4/")).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static StoredObject upload(MockHttpServletRequest request, String key) {
        // as the track endpoint does
        AtomicReference<StoredObject> stored = new AtomicReference<>();
        reader.forSingleFile(request, (part, in) -> stored.set(uploader.upload(in, BUCKET, key, part.contentType(),
                part.fileName(), 100L * MIB)));
        return stored.get();
    }

    /** A request that streams its body; with a Content-Length, or without one (chunked). */
    private static MockHttpServletRequest request(Body body, boolean withLength) {
        long contentLength = withLength ? body.length() : -1;
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/releases/r1/tracks/t1/media/file") {
            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(body.stream());
            }

            @Override
            public long getContentLengthLong() {
                return contentLength;
            }

            @Override
            public int getContentLength() {
                return contentLength > Integer.MAX_VALUE ? -1 : (int) contentLength;
            }
        };
        request.setContentType("multipart/form-data; boundary=" + BOUNDARY);
        return request;
    }

    private static Body body(List<byte[]> before, Generated file, byte[] after) {
        byte[] head = concat(before.toArray(byte[][]::new));
        return new Body(new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head), file),
                new ByteArrayInputStream(after)), head.length + file.size() + after.length);
    }

    private record Body(InputStream stream, long length) {
    }

    /** {@code size} pseudo-random bytes of a seed, made as they are read. */
    private static class Generated extends InputStream {

        private final Random random;
        private final long size;
        private final byte[] block = new byte[64 * 1024];
        private int blockPos = block.length;
        private long position;

        Generated(long seed, long size) {
            this.random = new Random(seed);
            this.size = size;
        }

        long size() {
            return size;
        }

        /** Called before bytes from {@code position} on are handed out. */
        protected void reached(long position) {
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            reached(position);
            if (blockPos == block.length) {
                random.nextBytes(block);
                blockPos = 0;
            }
            int n = (int) Math.min(Math.min(length, block.length - blockPos), size - position);
            System.arraycopy(block, blockPos, target, offset, n);
            blockPos += n;
            position += n;
            return n;
        }
    }

    private static byte[] field(String name, String value) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fileHead(String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** What follows a well-formed last file: CRLF, the closing delimiter and CRLF. */
    private static byte[] closing() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... arrays) {
        int length = 0;
        for (byte[] array : arrays) {
            length += array.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] array : arrays) {
            System.arraycopy(array, 0, all, offset, array.length);
            offset += array.length;
        }
        return all;
    }

    private static void assertAbsent(String key) {
        assertThatThrownBy(() -> stat(key)).isInstanceOfSatisfying(ErrorResponseException.class,
                e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    private static StatObjectResponse stat(String key) throws Exception {
        return server.client().statObject(StatObjectArgs.builder().bucket(BUCKET).object(key).build());
    }

    private static String sha256(InputStream in) throws Exception {
        return digest("SHA-256", in);
    }

    private static String md5(InputStream in) throws Exception {
        return digest("MD5", in);
    }

    private static String digest(String algorithm, InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
