package io.catalogingest.gateway.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a multipart/form-data request part by part and streams each file part to a {@link PartHandler} (which
 * typically calls {@link ObjectUploader#upload}); text fields are collected, bounded in number and size.
 *
 * <p>Call it after every check that does not need the body (authorization, ownership, status): it takes one of
 * the gateway's upload slots for the whole request, or throws {@link UploadsBusyException} (503) without reading.
 * Refusals are {@link UploadRejectedException}s: 415 not multipart/form-data, 413 request / file / field / count
 * over a limit (Content-Length is checked before reading), 400 malformed, truncated, no parts, or the client went
 * away. Exceptions thrown by the handler pass through unchanged. Files already stored by the handler are the
 * caller's to delete when the request fails.
 */
@Component
public final class MultipartUploadReader {

    private final UploadProperties properties;
    private final UploadGate gate;

    MultipartUploadReader(UploadProperties properties, UploadGate gate) {
        this.properties = properties;
        this.gate = gate;
    }

    public MultipartForm forEachPart(HttpServletRequest request, PartHandler handler) {
        return read(request, handler, false);
    }

    /**
     * Like {@link #forEachPart}, for a request that carries one file, as its last part (text fields may come before
     * it), such as a track's upload. When the request has a Content-Length, that file's length is known before its
     * first byte, and {@link ObjectUploader#upload} sends a file larger than one part as a single PUT of that length
     * instead of a multipart upload (docs/adr/0020). If a file sent that way then turns out not to be followed by the
     * closing delimiter alone (a second part, the delimiter without its CRLF, or an epilogue), the PUT is cut short,
     * nothing is stored, and the request is refused with a 400; smaller files are read as by {@link #forEachPart}.
     * Requests without a Content-Length (chunked) are read as by {@link #forEachPart}.
     */
    public MultipartForm forSingleFile(HttpServletRequest request, PartHandler handler) {
        return read(request, handler, true);
    }

    private MultipartForm read(HttpServletRequest request, PartHandler handler, boolean singleFile) {
        String boundary = boundary(request.getContentType());
        long maxRequest = properties.maxRequestSize().toBytes();
        long contentLength = request.getContentLengthLong();
        if (contentLength > maxRequest) {
            throw new UploadTooLargeException("The request body is larger than " + properties.maxRequestSize());
        }
        try (UploadGate.Permit permit = gate.enter()) {
            InputStream in = request.getInputStream();
            return read(new MultipartParser(in, boundary, maxRequest, (int) properties.maxPartHeaderSize().toBytes()),
                    handler, singleFile ? contentLength : -1);
        } catch (IOException e) {
            throw new UploadRejectedException(HttpStatus.BAD_REQUEST,
                    "The upload could not be read (client went away or body ended early)", null, e);
        }
    }

    /** @param singleFileLength the request's Content-Length if its first file should be its last part, else -1 */
    private MultipartForm read(MultipartParser parser, PartHandler handler, long singleFileLength) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int fieldCount = 0;
        int fileCount = 0;
        int parts = 0;
        MultipartParser.Part part;
        while ((part = parser.nextPart()) != null) {
            parts++;
            ContentDisposition disposition = ContentDisposition.parse(part.header("content-disposition"));
            if (disposition.fileName() != null) {
                if (++fileCount > properties.maxFilesPerRequest()) {
                    throw new UploadTooLargeException("Too many files in one request (at most "
                            + properties.maxFilesPerRequest() + ")");
                }
                PartInfo info = new PartInfo(disposition.name(), disposition.fileName(), part.header("content-type"),
                        true, fileCount - 1);
                InputStream body = parser.body(properties.maxFileSize().toBytes());
                long lengthIfLast = fileCount == 1 ? parser.lengthIfLast(singleFileLength) : -1;
                handler.onFile(info, lengthIfLast >= 0 ? new LastFilePart(body, parser, lengthIfLast) : body);
            } else {
                if (++fieldCount > properties.maxFields()) {
                    throw new UploadTooLargeException("Too many form fields (at most " + properties.maxFields() + ")");
                }
                String name = disposition.name() == null ? "" : disposition.name();
                fields.computeIfAbsent(name, key -> new ArrayList<>()).add(text(name, parser));
            }
        }
        if (parts == 0) {
            throw UploadRejectedException.malformed("The multipart body has no parts");
        }
        return new MultipartForm(fields, fileCount);
    }

    private String text(String name, MultipartParser parser) throws IOException {
        int max = (int) properties.maxFieldSize().toBytes();
        byte[] bytes;
        try {
            bytes = parser.body(max).readAllBytes();
        } catch (UploadTooLargeException e) {
            throw new UploadTooLargeException("Form field '" + name + "' is larger than " + properties.maxFieldSize());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw UploadRejectedException.malformed("Form field '" + name + "' is not valid UTF-8");
        }
    }

    /** The boundary parameter of a multipart/form-data Content-Type. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new UploadRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Expected a multipart/form-data body, got " + (contentType == null ? "none" : contentType));
        }
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.strip();
            if (trimmed.regionMatches(true, 0, "boundary=", 0, 9)) {
                String value = trimmed.substring(9).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty() && value.length() <= 70) {
                    return value;
                }
            }
        }
        throw UploadRejectedException.malformed("The multipart/form-data Content-Type has no valid boundary");
    }
}
