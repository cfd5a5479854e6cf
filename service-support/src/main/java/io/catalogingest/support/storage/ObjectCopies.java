package io.catalogingest.support.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.Directive;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;

/**
 * Server-side copies of media objects between the buckets (promotion: temporary → permanent; a release's revert:
 * permanent → temporary). One CopyObject up to {@code multipartThreshold}, above it a multipart copy of
 * UploadPartCopy ranges (S3's single CopyObject stops at 5 GiB). No object byte passes through this JVM.
 */
public final class ObjectCopies {

    /** The user metadata under which a media object carries the SHA-256 (hex) of its bytes. */
    public static final String SHA256_METADATA = "sha256";
    static final int MAX_PARTS = 10_000;

    private final MinioClient client;
    private final long multipartThreshold;
    private final long partSize;

    /**
     * @param multipartThreshold objects larger than this are copied as a multipart copy of ranges
     * @param partSize           size of each range (raised when an object would need more than 10,000)
     */
    public ObjectCopies(MinioClient client, long multipartThreshold, long partSize) {
        this.client = client;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    /**
     * Copies {@code fromBucket/fromKey} to {@code toBucket/toKey}, conditional on the source still having the ETag
     * {@code etag}, so nothing but exactly the bytes it names can be copied. The copy's user metadata is replaced by
     * {@code sha256} and its content type set to {@code contentType}: with the {@code REPLACE} metadata directive for
     * a single CopyObject (without it S3 keeps the source's metadata and ignores the new one), and on the
     * CreateMultipartUpload of a multipart copy, whose ranges are each conditional on the same ETag.
     *
     * @return {@code copy} or {@code multipart}
     * @throws SourceChangedException the source no longer has that ETag (never worth retrying)
     * @throws CopyFailedException    S3 did not do it (down, refused, timed out): transient
     */
    public String copy(String fromBucket, String fromKey, String toBucket, String toKey, long size, String etag,
                       String sha256, String contentType) {
        // the entity tag quoted, as RFC 7232 writes it (S3Proxy compares it literally)
        String ifMatch = "\"" + unquoted(etag) + "\"";
        Map<String, String> metadata = Map.of(SHA256_METADATA, sha256);
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        try {
            if (size <= multipartThreshold) {
                client.copyObject(CopyObjectArgs.builder().bucket(toBucket).object(toKey)
                        .source(CopySource.builder().bucket(fromBucket).object(fromKey).matchETag(ifMatch).build())
                        .metadataDirective(Directive.REPLACE)
                        .userMetadata(metadata).headers(headers).build());
                return "copy";
            }
            long part = partSizeFor(size);
            List<ComposeSource> ranges = new ArrayList<>();
            for (long offset = 0; offset < size; offset += part) {
                ranges.add(ComposeSource.builder().bucket(fromBucket).object(fromKey).offset(offset)
                        .length(Math.min(part, size - offset)).matchETag(ifMatch).build());
            }
            client.composeObject(ComposeObjectArgs.builder().bucket(toBucket).object(toKey).sources(ranges)
                    .userMetadata(metadata).headers(headers).build());
            return "multipart";
        } catch (ErrorResponseException e) {
            if ("PreconditionFailed".equals(e.errorResponse().code())) {
                throw new SourceChangedException(fromBucket + "/" + fromKey + " no longer has the ETag " + etag, e);
            }
            throw new CopyFailedException("could not copy " + fromBucket + "/" + fromKey + " to " + toBucket + "/"
                    + toKey, e);
        } catch (Exception e) {
            throw new CopyFailedException("could not copy " + fromBucket + "/" + fromKey + " to " + toBucket + "/"
                    + toKey, e);
        }
    }

    /** The range size for an object of {@code size} bytes: the configured part size, or more for huge objects. */
    long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(partSize, needed);
    }

    /** An ETag without the quotes RFC 7232 puts around it ("" for null). */
    public static String unquoted(String etag) {
        if (etag == null) {
            return "";
        }
        String trimmed = etag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** The source object is not the one the caller named (S3 refused the copy-if-match): never retried. */
    public static final class SourceChangedException extends RuntimeException {

        SourceChangedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The S3 server did not do what was asked (down, refused, timed out): a transient failure. */
    public static final class CopyFailedException extends RuntimeException {

        CopyFailedException(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
