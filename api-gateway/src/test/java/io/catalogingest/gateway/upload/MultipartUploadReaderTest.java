package io.catalogingest.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

class MultipartUploadReaderTest {

    private static final String BOUNDARY = "----catalogBoundary7MA4YWxkTrZu0gW";

    private final UploadProperties properties = properties(3, 4, DataSize.ofBytes(1000), 1);
    private final UploadGate gate = new UploadGate(properties);
    private final MultipartUploadReader reader = new MultipartUploadReader(properties, gate);
    private final MultipartUploadReader largeFiles = new MultipartUploadReader(properties(3, 4, DataSize.ofKilobytes(64),
            1), new UploadGate(properties(3, 4, DataSize.ofKilobytes(64), 1)));

    @Test
    void handsOutFilesInOrderAndCollectsFields() {
        byte[] body = new MultipartParserTest.Body().field("note", "first").file("files", "a.wav", "audio/wav", utf8("AAA"))
                .field("note", "second").file("files", "b.png", null, utf8("BB")).close("\r\n").bytes();
        List<String> seen = new ArrayList<>();

        MultipartForm form = reader.forEachPart(request(body), (part, in) ->
                seen.add(part.index() + ":" + part.fieldName() + ":" + part.fileName() + ":" + part.contentType() + ":"
                        + part.isFile() + ":" + new String(in.readAllBytes(), StandardCharsets.UTF_8)));

        assertThat(seen).containsExactly("0:files:a.wav:audio/wav:true:AAA", "1:files:b.png:null:true:BB");
        assertThat(form.fields().get("note")).containsExactly("first", "second");
        assertThat(form.field("note")).isEqualTo("first");
        assertThat(form.fileCount()).isEqualTo(2);
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void tooManyFilesIsTooLargeBeforeTheExtraFileIsHandedOut() {
        MultipartParserTest.Body body = new MultipartParserTest.Body();
        for (int i = 0; i < 4; i++) {
            body.file("files", i + ".bin", null, utf8("x"));
        }
        List<Integer> handled = new ArrayList<>();
        assertThatThrownBy(() -> reader.forEachPart(request(body.close("").bytes()), (part, in) -> handled.add(part.index())))
                .isInstanceOf(UploadTooLargeException.class).hasMessageContaining("Too many files");
        assertThat(handled).containsExactly(0, 1, 2);
        assertThat(gate.available()).isEqualTo(1);
    }

    @Test
    void tooManyOrTooLargeFieldsAreTooLarge() {
        MultipartParserTest.Body many = new MultipartParserTest.Body();
        for (int i = 0; i < 5; i++) {
            many.field("f" + i, "v");
        }
        assertThatThrownBy(() -> reader.forEachPart(request(many.close("").bytes()), (part, in) -> { }))
                .isInstanceOf(UploadTooLargeException.class).hasMessageContaining("Too many form fields");

        byte[] large = new MultipartParserTest.Body().field("big", "x".repeat(1001)).close("").bytes();
        assertThatThrownBy(() -> reader.forEachPart(request(large), (part, in) -> { }))
                .isInstanceOf(UploadTooLargeException.class).hasMessageContaining("big");
    }

    @Test
    void aFileOverTheLimitIsTooLarge() {
        byte[] body = new MultipartParserTest.Body().file("files", "a.bin", null, new byte[2001]).close("").bytes();
        UploadProperties small = properties(3, 4, DataSize.ofBytes(2000), 1);
        MultipartUploadReader limited = new MultipartUploadReader(small, new UploadGate(small));
        assertThatThrownBy(() -> limited.forEachPart(request(body), (part, in) -> in.readAllBytes()))
                .isInstanceOf(UploadTooLargeException.class);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/") {
            @Override
            public long getContentLengthLong() {
                return DataSize.ofGigabytes(10).toBytes();
            }

            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                throw new AssertionError("the body must not be read");
            }
        };
        request.setContentType("multipart/form-data; boundary=" + BOUNDARY);
        assertThatThrownBy(() -> reader.forEachPart(request, (part, in) -> { }))
                .isInstanceOf(UploadTooLargeException.class);
    }

    @Test
    void notMultipartIsUnsupportedMediaType() {
        MockHttpServletRequest request = request(utf8("{}"));
        request.setContentType("application/json");
        assertThatThrownBy(() -> reader.forEachPart(request, (part, in) -> { }))
                .isInstanceOfSatisfying(UploadRejectedException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
    }

    @Test
    void aWrongBoundaryOrNoPartsIsABadRequest() {
        MockHttpServletRequest wrong = request(new MultipartParserTest.Body().field("a", "b").close("").bytes());
        wrong.setContentType("multipart/form-data; boundary=something-else");
        assertThatThrownBy(() -> reader.forEachPart(wrong, (part, in) -> { }))
                .isInstanceOfSatisfying(UploadRejectedException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));

        MockHttpServletRequest empty = request(utf8("--" + BOUNDARY + "--\r\n"));
        assertThatThrownBy(() -> reader.forEachPart(empty, (part, in) -> { }))
                .isInstanceOf(UploadRejectedException.class).hasMessageContaining("no parts");
    }

    @Test
    void aQuotedBoundaryIsUnderstood() {
        assertThat(MultipartUploadReader.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartUploadReader.boundary("Multipart/Form-Data;boundary=xyz")).isEqualTo("xyz");
    }

    @Test
    void allSlotsTakenIsServiceUnavailableWithRetryAfter() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> {
                try (UploadGate.Permit permit = gate.enter()) {
                    holding.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
                return null;
            });
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            byte[] body = new MultipartParserTest.Body().field("a", "b").close("").bytes();
            assertThatThrownBy(() -> reader.forEachPart(request(body), (part, in) -> { }))
                    .isInstanceOfSatisfying(UploadsBusyException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                    });
        } finally {
            release.countDown();
            other.shutdown();
        }
    }

    @Test
    void handlerFailuresPassThroughAndFreeTheSlot() {
        byte[] body = new MultipartParserTest.Body().file("files", "a.bin", null, utf8("x")).close("").bytes();
        assertThatThrownBy(() -> reader.forEachPart(request(body), (part, in) -> {
            throw new IllegalStateException("controller says no");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reader.forEachPart(request(body), (part, in) -> {
            throw new IOException("disk on fire");
        })).isInstanceOfSatisfying(UploadRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThat(gate.available()).isEqualTo(1);
    }

    static UploadProperties properties(int maxFiles, int maxFields, DataSize maxFileOrField, int slots) {
        return new UploadProperties(maxFileOrField, DataSize.ofMegabytes(100), maxFiles, maxFields, maxFileOrField,
                DataSize.ofKilobytes(8), slots, Duration.ZERO, Duration.ofSeconds(5), DataSize.ofMegabytes(5), 1,
                UploadProperties.Sha256Metadata.ALL_OBJECTS, Duration.ofMinutes(1), Duration.ofSeconds(30));
    }

    @Test
    void aSingleFileRequestKnowsTheFilesLengthBeforeItsFirstByteAndSeesItsEnd() {
        byte[] content = new byte[5000];
        new java.util.Random(7).nextBytes(content);
        byte[] body = new MultipartParserTest.Body().field("note", "before").file("file", "a.wav", "audio/wav", content)
                .close("\r\n").bytes();
        List<String> seen = new ArrayList<>();

        MultipartForm form = largeFiles.forSingleFile(request(body), (part, in) -> {
            assertThat(in).isInstanceOf(LastFilePart.class);
            LastFilePart last = (LastFilePart) in;
            assertThat(last.expectedLength()).isEqualTo(content.length);
            assertThat(in.readNBytes(content.length)).isEqualTo(content);
            seen.add("ends:" + last.endsAsExpected());
        });

        assertThat(seen).containsExactly("ends:true");
        assertThat(form.field("note")).isEqualTo("before");
        assertThat(form.fileCount()).isEqualTo(1);
    }

    @Test
    void aSingleFileFollowedByAnythingButTheClosingDelimiterAndCrlfIsNotTheEnd() {
        byte[] content = utf8("x".repeat(3000));
        List<byte[]> bodies = List.of(
                new MultipartParserTest.Body().file("file", "a.wav", null, content).field("late", "v").close("\r\n").bytes(),
                new MultipartParserTest.Body().file("file", "a.wav", null, content).close("").bytes(),
                new MultipartParserTest.Body().file("file", "a.wav", null, content).close("\r\nepilogue").bytes());
        for (byte[] body : bodies) {
            List<Boolean> ends = new ArrayList<>();
            try {
                largeFiles.forSingleFile(request(body), (part, in) -> {
                    LastFilePart last = (LastFilePart) in;
                    in.readNBytes((int) last.expectedLength());
                    ends.add(last.endsAsExpected());
                });
            } catch (UploadRejectedException e) {
                // what the parser makes of the rest does not matter here
            }
            assertThat(ends).containsExactly(false);
        }
    }

    @Test
    void eachPartReadingHandsOutPlainStreamsAndAChunkedRequestNone() {
        byte[] body = new MultipartParserTest.Body().file("file", "a.wav", null, utf8("AAA")).close("\r\n").bytes();
        largeFiles.forEachPart(request(body), (part, in) -> assertThat(in).isNotInstanceOf(LastFilePart.class));
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/releases/r1/tracks/t1/media/file") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContentType("multipart/form-data; boundary=" + BOUNDARY);
        chunked.setContent(body);
        largeFiles.forSingleFile(chunked, (part, in) -> assertThat(in).isNotInstanceOf(LastFilePart.class));
    }

    private static MockHttpServletRequest request(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/releases/r1/media/files");
        request.setContentType("multipart/form-data; boundary=" + BOUNDARY);
        request.setContent(body);
        return request;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
