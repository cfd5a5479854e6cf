package io.catalogingest.gateway.upload;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a request's only file, when the request has a Content-Length: if the file is the request's last part,
 * followed by nothing but the closing delimiter, its length is known before its first byte
 * ({@link #expectedLength()}: Content-Length minus the framing already read and the closing delimiter). That lets
 * {@link ObjectUploader} send it to S3 as one PUT of exactly that length instead of a multipart upload, and hold back
 * the last bytes until {@link #endsAsExpected()} has confirmed the guess.
 *
 * <p>Read as a plain stream it is the part's body, like any other.
 */
final class LastFilePart extends InputStream {

    private final InputStream body;
    private final MultipartParser parser;
    private final long expectedLength;

    LastFilePart(InputStream body, MultipartParser parser, long expectedLength) {
        this.body = body;
        this.parser = parser;
        this.expectedLength = expectedLength;
    }

    /** The file's length if the request ends right after it with the closing delimiter. */
    long expectedLength() {
        return expectedLength;
    }

    /**
     * Whether, once {@link #expectedLength()} bytes have been read, the file ends there and the request with it
     * (the closing delimiter and CRLF, nothing else); consumes the rest of the request when it does.
     */
    boolean endsAsExpected() throws IOException {
        return parser.endsWithClosingDelimiter();
    }

    @Override
    public int read() throws IOException {
        return body.read();
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        return body.read(target, offset, length);
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }
}
