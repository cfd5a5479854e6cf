package io.catalogingest.approval.promotion;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.catalogingest.support.storage.ObjectCopies;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;

/**
 * The S3 calls promotion needs, all server-side: stat, copy (one CopyObject, or a multipart copy of ranges with
 * UploadPartCopy above a threshold: {@link ObjectCopies}), delete. No object byte passes through this JVM.
 */
final class MediaObjects {

    static final String SHA256_METADATA = ObjectCopies.SHA256_METADATA;

    private final MinioClient client;
    private final ObjectCopies copies;

    MediaObjects(MinioClient client, PromotionProperties properties) {
        this.client = client;
        this.copies = new ObjectCopies(client, properties.multipartThreshold().toBytes(),
                properties.partSize().toBytes());
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
     * nothing but exactly those bytes can be copied; the copy carries {@code sha256} (the media row's hash of the
     * streamed bytes) and {@code contentType}. One CopyObject, or a multipart copy above the threshold
     * ({@link ObjectCopies}, shared with the ingest-worker's revert).
     *
     * @return {@code copy} or {@code multipart}
     */
    String copy(String fromBucket, String fromKey, String toBucket, String toKey, long size, String etag,
                String sha256, String contentType) {
        try {
            return copies.copy(fromBucket, fromKey, toBucket, toKey, size, etag, sha256, contentType);
        } catch (ObjectCopies.SourceChangedException e) {
            throw new SourceChangedException(e.getMessage() + " that its upload recorded", e);
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
        return ObjectCopies.unquoted(etag);
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
