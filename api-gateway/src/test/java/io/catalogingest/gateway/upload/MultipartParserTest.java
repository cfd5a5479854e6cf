package io.catalogingest.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class MultipartParserTest {

    private static final String BOUNDARY = "----catalogBoundary7MA4YWxkTrZu0gW";

    @Test
    void readsFieldsAndFilesInOrder() throws IOException {
        byte[] body = new Body().preamble("ignored preamble\r\n")
                .field("title", "Hello")
                .file("files", "a.wav", "audio/wav", bytes("RIFF....WAVE"))
                .file("files", "b.txt", null, bytes(""))
                .close("\r\nepilogue").bytes();

        List<ParsedPart> parts = parseAll(body, 1 << 20, new Random(1), 7);

        assertThat(parts).extracting(ParsedPart::name).containsExactly("title", "files", "files");
        assertThat(parts.get(0).fileName()).isNull();
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("Hello");
        assertThat(parts.get(1).fileName()).isEqualTo("a.wav");
        assertThat(parts.get(1).contentType()).isEqualTo("audio/wav");
        assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("RIFF....WAVE");
        assertThat(parts.get(2).fileName()).isEqualTo("b.txt");
        assertThat(parts.get(2).content()).isEmpty();
    }

    /** Bodies full of near-delimiters, read through streams that return random small chunks. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17, 4096, 70_000})
    void findsEveryBoundaryWhateverTheChunking(int maxChunk) throws IOException {
        Random random = new Random(maxChunk);
        for (int round = 0; round < 20; round++) {
            List<byte[]> contents = new ArrayList<>();
            Body body = new Body();
            int files = 1 + random.nextInt(3);
            for (int i = 0; i < files; i++) {
                byte[] content = trickyContent(random, random.nextInt(200_000));
                contents.add(content);
                body.file("files", "f" + i + ".bin", "application/octet-stream", content);
            }
            List<ParsedPart> parts = parseAll(body.close("").bytes(), 1 << 30, random, maxChunk);
            assertThat(parts).hasSize(files);
            for (int i = 0; i < files; i++) {
                assertThat(parts.get(i).content()).as("round %d file %d", round, i).isEqualTo(contents.get(i));
            }
        }
    }

    @Test
    void skipsBodiesNobodyRead() throws IOException {
        byte[] body = new Body().file("files", "a.bin", null, trickyContent(new Random(3), 300_000))
                .field("after", "yes").close("").bytes();
        MultipartParser parser = parser(body, Long.MAX_VALUE);
        assertThat(parser.nextPart()).isNotNull();
        parser.body(Long.MAX_VALUE).read(new byte[10]);
        MultipartParser.Part second = parser.nextPart();
        assertThat(ContentDisposition.parse(second.header("Content-Disposition")).name()).isEqualTo("after");
        assertThat(parser.body(100).readAllBytes()).isEqualTo(bytes("yes"));
        assertThat(parser.nextPart()).isNull();
    }

    @Test
    void acceptsTransportPaddingAfterABoundary() throws IOException {
        String body = "--" + BOUNDARY + "  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--" + BOUNDARY + "--";
        List<ParsedPart> parts = parseAll(bytes(body), 1 << 20, new Random(0), 1000);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).content()).isEqualTo(bytes("x"));
    }

    @Test
    void aWrongBoundaryIsAClearBadRequest() {
        byte[] body = new Body().field("a", "b").close("").bytes();
        MultipartParser parser = new MultipartParser(new ByteArrayInputStream(body), "not-the-boundary", Long.MAX_VALUE, 8192);
        assertThatThrownBy(parser::nextPart).isInstanceOf(UploadRejectedException.class)
                .hasMessageContaining("boundary")
                .satisfies(e -> assertThat(((UploadRejectedException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
    }

    @Test
    void aTruncatedBodyIsABadRequest() throws IOException {
        byte[] whole = new Body().file("files", "a.bin", null, new byte[100_000]).close("").bytes();
        MultipartParser parser = parser(Arrays.copyOf(whole, 50_000), Long.MAX_VALUE);
        parser.nextPart();
        InputStream body = parser.body(Long.MAX_VALUE);
        assertThatThrownBy(body::readAllBytes).isInstanceOf(UploadRejectedException.class)
                .hasMessageContaining("ended early");
    }

    @Test
    void aBodyWithoutTheClosingDelimiterIsABadRequest() throws IOException {
        byte[] body = bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--" + BOUNDARY);
        MultipartParser parser = parser(body, Long.MAX_VALUE);
        parser.nextPart();
        parser.body(100).readAllBytes();
        assertThatThrownBy(parser::nextPart).isInstanceOf(UploadRejectedException.class).hasMessageContaining("ended early");
    }

    @Test
    void aPartOverItsLimitIsTooLarge() throws IOException {
        byte[] body = new Body().file("files", "a.bin", null, new byte[10_001]).close("").bytes();
        MultipartParser parser = parser(body, Long.MAX_VALUE);
        parser.nextPart();
        InputStream in = parser.body(10_000);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(UploadTooLargeException.class);
    }

    @Test
    void aPartExactlyAtItsLimitPasses() throws IOException {
        byte[] body = new Body().file("files", "a.bin", null, new byte[10_000]).close("").bytes();
        MultipartParser parser = parser(body, Long.MAX_VALUE);
        parser.nextPart();
        assertThat(parser.body(10_000).readAllBytes()).hasSize(10_000);
    }

    @Test
    void aRequestOverItsLimitIsTooLarge() {
        byte[] body = new Body().file("files", "a.bin", null, new byte[200_000]).close("").bytes();
        MultipartParser parser = parser(body, 100_000);
        assertThatThrownBy(() -> {
            parser.nextPart();
            parser.body(Long.MAX_VALUE).readAllBytes();
        }).isInstanceOf(UploadTooLargeException.class);
    }

    @Test
    void longFileNamesFitAndHugeHeadersDoNot() throws IOException {
        String longName = "é".repeat(127) + ".wav"; // 258 bytes of UTF-8
        byte[] ok = new Body().file("files", longName, "audio/wav", bytes("x")).close("").bytes();
        MultipartParser parser = parser(ok, Long.MAX_VALUE);
        assertThat(ContentDisposition.parse(parser.nextPart().header("content-disposition")).fileName()).isEqualTo(longName);

        byte[] huge = new Body().file("files", "a".repeat(9000), null, bytes("x")).close("").bytes();
        assertThatThrownBy(() -> parser(huge, Long.MAX_VALUE).nextPart()).isInstanceOf(UploadTooLargeException.class);
    }

    @Test
    void aBoundaryLineWithGarbageAfterItIsMalformed() {
        byte[] body = bytes("--" + BOUNDARY + "X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--" + BOUNDARY + "--");
        assertThatThrownBy(() -> parser(body, Long.MAX_VALUE).nextPart()).isInstanceOf(UploadRejectedException.class);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static MultipartParser parser(byte[] body, long maxRequest) {
        return new MultipartParser(new ByteArrayInputStream(body), BOUNDARY, maxRequest, 8192);
    }

    private static List<ParsedPart> parseAll(byte[] body, long maxRequest, Random random, int maxChunk) throws IOException {
        MultipartParser parser = new MultipartParser(new Trickle(body, random, maxChunk), BOUNDARY, maxRequest, 8192);
        List<ParsedPart> parts = new ArrayList<>();
        MultipartParser.Part part;
        while ((part = parser.nextPart()) != null) {
            ContentDisposition disposition = ContentDisposition.parse(part.header("content-disposition"));
            InputStream in = parser.body(Long.MAX_VALUE);
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 + random.nextInt(100_000)];
            int n;
            while ((n = in.read(chunk, 0, 1 + random.nextInt(chunk.length))) >= 0) {
                content.write(chunk, 0, n);
            }
            parts.add(new ParsedPart(disposition.name(), disposition.fileName(), part.header("content-type"),
                    content.toByteArray()));
        }
        return parts;
    }

    /** Random bytes salted with prefixes of the delimiter (but never the whole delimiter). */
    private static byte[] trickyContent(Random random, int size) {
        byte[] delimiter = bytes("\r\n--" + BOUNDARY);
        while (true) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            for (int i = 0; i < size / 500; i++) {
                int at = random.nextInt(Math.max(1, size - delimiter.length));
                int length = random.nextInt(delimiter.length);
                System.arraycopy(delimiter, 0, content, at, Math.min(length, size - at));
            }
            if (indexOf(content, delimiter) < 0) {
                return content;
            }
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    record ParsedPart(String name, String fileName, String contentType, byte[] content) {
    }

    /** Builds a multipart body the way curl and browsers do. */
    static final class Body {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body preamble(String text) {
            out.writeBytes(MultipartParserTest.bytes(text));
            return this;
        }

        Body field(String name, String value) {
            out.writeBytes(MultipartParserTest.bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                    + value + "\r\n"));
            return this;
        }

        Body file(String name, String fileName, String contentType, byte[] content) {
            out.writeBytes(MultipartParserTest.bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"; filename=\"" + fileName + "\"\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + "\r\n"));
            out.writeBytes(content);
            out.writeBytes(MultipartParserTest.bytes("\r\n"));
            return this;
        }

        Body close(String epilogue) {
            out.writeBytes(MultipartParserTest.bytes("--" + BOUNDARY + "--" + epilogue));
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Hands out a byte array in random chunks of 1..maxChunk bytes, as a network stream does. */
    static final class Trickle extends InputStream {

        private final byte[] data;
        private final Random random;
        private final int maxChunk;
        private int pos;

        Trickle(byte[] data, Random random, int maxChunk) {
            this.data = data;
            this.random = random;
            this.maxChunk = maxChunk;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(maxChunk));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
