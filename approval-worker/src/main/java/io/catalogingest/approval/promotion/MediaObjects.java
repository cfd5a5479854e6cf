package io.catalogingest.approval.promotion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.Directive;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;

/**
 * The S3 calls promotion needs, all server-side: stat, copy (one CopyObject, or a multipart copy of ranges with
 * UploadPartCopy above a threshold), delete. No object byte passes through this JVM.
 */
final class MediaObjects {

    static final String SHA256_METADATA = "sha256";

    private final MinioClient client;
    private final PromotionProperties properties;

    MediaObjects(MinioClient client, PromotionProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** What S3 says about an object; {@code sha256} is its user metadata of that name, or null. */
    record Stat(long size, String etag, String sha256, String contentType, Map<String, String> userMetadata) {
    }

    /** The object's stat, or empty when there is no such object. */
    Optional<Stat> stat(String bucket, String key) {
        try {
            StatObjectResponse response = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            Map<String, String> metadata = new HashMap<>();
            response.userMetadata().forEach((name, value) -> metadata.put(name.toLowerCase(Locale.ROOT), value));
            return Optional.of(new Stat(response.size(), response.etag(), metadata.get(SHA256_METADATA),
                    response.contentType(), Map.copyOf(metadata)));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw new StorageException("could not stat " + bucket + "/" + key, e);
        } catch (Exception e) {
            throw new StorageException("could not stat " + bucket + "/" + key, e);
        }
    }

    /**
     * Copies the temporary object {@code fromBucket/fromKey} server-side to {@code toBucket/toKey}, conditional on the
     * source still having the ETag {@code etag} (the one S3 acknowledged to the upload and the media row recorded), so
     * nothing but exactly those bytes can be copied. The copy's user metadata is replaced by {@code sha256} (the media
     * row's hash of the streamed bytes) and its content type set to {@code contentType}: with the {@code REPLACE}
     * metadata directive for a single CopyObject (without it S3 keeps the source's metadata and ignores the new one),
     * and on the CreateMultipartUpload of a multipart copy, whose parts are UploadPartCopy ranges, each conditional on
     * the same ETag.
     *
     * @return {@code copy} or {@code multipart}
     */
    String copy(String fromBucket, String fromKey, String toBucket, String toKey, long size, String etag,
                String sha256, String contentType) {
        // the entity tag quoted, as RFC 7232 writes it (S3Proxy compares it literally)
        String ifMatch = "\"" + unquoted(etag) + "\"";
        Map<String, String> metadata = Map.of(SHA256_METADATA, sha256);
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        try {
            if (size <= properties.multipartThreshold().toBytes()) {
                client.copyObject(CopyObjectArgs.builder().bucket(toBucket).object(toKey)
                        .source(CopySource.builder().bucket(fromBucket).object(fromKey).matchETag(ifMatch).build())
                        .metadataDirective(Directive.REPLACE)
                        .userMetadata(metadata).headers(headers).build());
                return "copy";
            }
            long part = properties.partSizeFor(size);
            List<ComposeSource> ranges = new ArrayList<>();
            for (long offset = 0; offset < size; offset += part) {
                ranges.add(ComposeSource.builder().bucket(fromBucket).object(fromKey).offset(offset)
                        .length(Math.min(part, size - offset)).matchETag(ifMatch).build());
            }
            client.composeObject(ComposeObjectArgs.builder().bucket(toBucket).object(toKey).sources(ranges)
                    .userMetadata(metadata).headers(headers).build());
            return "multipart";
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("PreconditionFailed".equals(code)) {
                throw new SourceChangedException(fromBucket + "/" + fromKey + " no longer has the ETag " + etag
                        + " that its upload recorded", e);
            }
            throw new StorageException("could not copy " + fromBucket + "/" + fromKey + " to " + toBucket + "/"
                    + toKey, e);
        } catch (Exception e) {
            throw new StorageException("could not copy " + fromBucket + "/" + fromKey + " to " + toBucket + "/"
                    + toKey, e);
        }
    }

    /** Removes an object; removing one that is already gone succeeds. */
    void delete(String bucket, String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new StorageException("could not delete " + bucket + "/" + key, e);
        }
    }

    static String unquoted(String etag) {
        if (etag == null) {
            return "";
        }
        String trimmed = etag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** The source object is not the one the media row recorded (S3 refused the copy-if-match): never retried. */
    static final class SourceChangedException extends RuntimeException {

        SourceChangedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The S3 server did not do what was asked (down, refused, timed out): a transient failure. */
    static final class StorageException extends RuntimeException {

        StorageException(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
