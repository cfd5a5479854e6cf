package io.catalogingest.gateway.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming multipart/form-data parser (RFC 7578 / RFC 2046) that hands out each part's body as a stream read
 * straight from the request, without temp files and without holding more than one 64 KiB buffer.
 *
 * <p>Written for throughput: the delimiter is found with Boyer–Moore–Horspool, which on binary data looks at about
 * one byte in forty, and body bytes are copied once, from the read buffer into the caller's array. Commons
 * FileUpload 2 (M5) parses at ~420 MB/s on one core of this project's machines, which alone costs a fifth of the
 * upload budget; this parser runs at several GB/s (docs/adr/0003-streaming-uploads.md).
 *
 * <p>Limits: the whole body ({@code maxRequestBytes}, counted on the raw stream), each part's header block, and each
 * part's body (given per part). Refusals are {@link UploadRejectedException}s thrown from the methods and from the
 * body stream's {@code read}; I/O failures of the underlying stream (client gone) pass through as IOExceptions.
 * Not thread-safe: one request, one thread.
 */
final class MultipartParser {

    private static final int MIN_BUFFER_SIZE = 64 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** What follows the last delimiter of a form: "--" and the line break every common client sends. */
    private static final byte[] CLOSE_TAIL = {'-', '-', CR, LF};

    private final InputStream in;
    private final byte[] delimiter;
    private final int[] shift = new int[256];
    private final long maxRequestBytes;
    private final int maxHeaderBytes;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private long bytesRead;

    private boolean started;
    private boolean finished;
    private boolean inBody;
    /** Body bytes in [pos, safeEnd) are certain to belong to the current part. */
    private int safeEnd;
    /** Where the next delimiter search starts. */
    private int scanFrom;
    /** The delimiter starts at safeEnd. */
    private boolean delimiterAtSafeEnd;
    private long partBytes;
    private long maxPartBytes;
    private BodyStream body;

    MultipartParser(InputStream in, String boundary, long maxRequestBytes, int maxHeaderBytes) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw UploadRejectedException.malformed("The multipart boundary is missing or too long");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxRequestBytes = maxRequestBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        this.buffer = new byte[Math.max(MIN_BUFFER_SIZE, 2 * maxHeaderBytes + delimiter.length + 4)];
        int m = delimiter.length;
        Arrays.fill(shift, m);
        for (int j = 0; j < m - 1; j++) {
            shift[delimiter[j] & 0xff] = m - 1 - j;
        }
        // The first boundary line has no CRLF before it: pretend it has, so every delimiter looks the same.
        buffer[0] = CR;
        buffer[1] = LF;
        limit = 2;
    }

    /** The headers of the next part, its body ready to read with {@link #body()}; null after the last part. */
    Part nextPart() throws IOException {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            beginBody(Long.MAX_VALUE);
            if (!skipBody()) {
                throw UploadRejectedException.malformed(
                        "The body has no multipart boundary line (is the boundary in Content-Type right?)");
            }
        } else if (inBody && !skipBody()) {
            throw truncated();
        }
        if (!ensure(2)) {
            throw truncated();
        }
        if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
            finished = true;
            pos += 2;
            return null;
        }
        // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
        while (true) {
            if (!ensure(1)) {
                throw truncated();
            }
            if (buffer[pos] == ' ' || buffer[pos] == '\t') {
                pos++;
                continue;
            }
            break;
        }
        if (!ensure(2)) {
            throw truncated();
        }
        if (buffer[pos] != CR || buffer[pos + 1] != LF) {
            throw UploadRejectedException.malformed("Malformed multipart body: a boundary line is not followed by CRLF");
        }
        pos += 2;
        Map<String, String> headers = readHeaders();
        beginBody(Long.MAX_VALUE);
        return new Part(headers);
    }

    /** The current part's body; reading past {@code maxBytes} throws {@link UploadTooLargeException}. */
    InputStream body(long maxBytes) {
        if (!inBody || body == null) {
            throw new IllegalStateException("no part to read");
        }
        maxPartBytes = maxBytes;
        return body;
    }

    /** Bytes taken from the underlying stream so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** Bytes of the underlying stream before the next unread one (read ahead into the buffer or not). */
    long position() {
        return bytesRead - (limit - pos);
    }

    /**
     * The length the current part's body has if it is the last part and the body ends with the closing delimiter
     * and CRLF ({@code CRLF--boundary--CRLF}, what browsers, curl and HTTP client libraries send), given the body's
     * Content-Length; -1 when that cannot be (no part open, or too short a body).
     */
    long lengthIfLast(long contentLength) {
        if (!inBody || partBytes != 0 || contentLength < 0) {
            return -1;
        }
        long length = contentLength - position() - closingLength();
        return length >= 0 ? length : -1;
    }

    /**
     * Whether the current part's body ends here and only the closing delimiter with its CRLF follows, up to the end
     * of the stream: consumes all of it when it does (the form is then finished). Call it once the body has been
     * read up to the length it should have.
     */
    boolean endsWithClosingDelimiter() throws IOException {
        if (inBody && readBody(new byte[1], 0, 1) != -1) {
            return false; // the part goes on
        }
        // the delimiter itself has been consumed; "--" CRLF and the end of the stream must follow
        while (limit - pos <= CLOSE_TAIL.length && fill()) {
            // read until more than the tail is there, or the stream has ended
        }
        if (limit - pos != CLOSE_TAIL.length || !Arrays.equals(buffer, pos, limit, CLOSE_TAIL, 0, CLOSE_TAIL.length)) {
            return false;
        }
        pos = limit;
        finished = true;
        return true;
    }

    private int closingLength() {
        return delimiter.length + CLOSE_TAIL.length;
    }

    private void beginBody(long maxBytes) {
        inBody = true;
        partBytes = 0;
        maxPartBytes = maxBytes;
        scanFrom = pos;
        safeEnd = pos;
        delimiterAtSafeEnd = false;
        scan();
        body = new BodyStream();
    }

    /** Reads body bytes of the current part; -1 once its delimiter is reached (and consumed). */
    private int readBody(byte[] target, int offset, int length) throws IOException {
        if (!inBody) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (pos < safeEnd) {
                int n = Math.min(length, safeEnd - pos);
                if (partBytes + n > maxPartBytes) {
                    throw new UploadTooLargeException("A part is larger than " + maxPartBytes + " bytes");
                }
                System.arraycopy(buffer, pos, target, offset, n);
                pos += n;
                partBytes += n;
                return n;
            }
            if (delimiterAtSafeEnd) {
                pos += delimiter.length;
                inBody = false;
                return -1;
            }
            if (!fill()) {
                throw truncated();
            }
            scan();
        }
    }

    /** Skips the rest of the current body; false if the stream ended first. */
    private boolean skipBody() throws IOException {
        while (inBody) {
            if (pos < safeEnd) {
                partBytes += safeEnd - pos;
                pos = safeEnd;
                continue;
            }
            if (delimiterAtSafeEnd) {
                pos += delimiter.length;
                inBody = false;
                return true;
            }
            if (!fill()) {
                return false;
            }
            scan();
        }
        return true;
    }

    /** Moves safeEnd forward over bytes that cannot start a delimiter (Boyer–Moore–Horspool). */
    private void scan() {
        int m = delimiter.length;
        byte last = delimiter[m - 1];
        int i = Math.max(scanFrom, pos);
        int lastStart = limit - m;
        while (i <= lastStart) {
            byte b = buffer[i + m - 1];
            if (b == last && Arrays.equals(buffer, i, i + m - 1, delimiter, 0, m - 1)) {
                safeEnd = i;
                scanFrom = i;
                delimiterAtSafeEnd = true;
                return;
            }
            i += shift[b & 0xff];
        }
        // No delimiter starts before `i`; one may start at i..limit-1 and run past limit.
        int safe = Math.min(i, limit - m + 1);
        safeEnd = Math.max(pos, safe);
        scanFrom = safeEnd;
        delimiterAtSafeEnd = false;
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        String lastName = null;
        while (true) {
            int lineEnd = findLineEnd(maxHeaderBytes - headerBytes);
            int lineLength = lineEnd - pos;
            headerBytes += lineLength + 2;
            if (lineLength == 0) {
                pos += 2;
                return headers;
            }
            String line = decodeHeader(buffer, pos, lineLength);
            pos = lineEnd + 2;
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                headers.merge(lastName, " " + line.strip(), String::concat); // obsolete line folding
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw UploadRejectedException.malformed("Malformed multipart part header: " + abbreviate(line));
            }
            lastName = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.merge(lastName, line.substring(colon + 1).strip(), (first, second) -> first + ", " + second);
        }
    }

    /** Index of the CR of the next CRLF at or after pos, reading more as needed within {@code budget} bytes. */
    private int findLineEnd(int budget) throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i + 1 < limit; i++) {
                if (buffer[i] == CR && buffer[i + 1] == LF) {
                    if (i - pos + 2 > budget) {
                        throw headersTooLarge();
                    }
                    return i;
                }
            }
            if (limit - pos + 2 > budget) {
                throw headersTooLarge();
            }
            from = Math.max(pos, limit - 1);
            int before = pos;
            if (!fill()) {
                throw truncated();
            }
            from -= before - pos;
        }
    }

    /** Makes at least n unread bytes available; false if the stream ends first. */
    private boolean ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Moves unread bytes to the front and reads more; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            int unread = limit - pos;
            System.arraycopy(buffer, pos, buffer, 0, unread);
            safeEnd -= pos;
            scanFrom -= pos;
            limit = unread;
            pos = 0;
        }
        if (limit == buffer.length) {
            throw new IllegalStateException("multipart buffer full"); // cannot happen: header lines are bounded
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        bytesRead += n;
        if (bytesRead > maxRequestBytes) {
            throw new UploadTooLargeException("The request body is larger than " + maxRequestBytes + " bytes");
        }
        limit += n;
        return true;
    }

    private UploadRejectedException truncated() {
        return UploadRejectedException.malformed("The multipart body ended early (truncated upload?)");
    }

    private UploadTooLargeException headersTooLarge() {
        return new UploadTooLargeException("A multipart part's headers are larger than " + maxHeaderBytes + " bytes");
    }

    /** Header bytes as UTF-8 (what browsers and curl send for file names), else ISO-8859-1. */
    private static String decodeHeader(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** One part's headers (names lower-case). */
    record Part(Map<String, String> headers) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The current part's body; close() leaves the rest to be skipped by the next {@link #nextPart()}. */
    private final class BodyStream extends InputStream {

        private final byte[] single = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(single, 0, 1);
            return n < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (body != this) {
                return -1;
            }
            java.util.Objects.checkFromIndexSize(offset, length, target.length);
            return readBody(target, offset, length);
        }

        @Override
        public int available() {
            return body == this && inBody ? Math.max(0, safeEnd - pos) : 0;
        }
    }
}
