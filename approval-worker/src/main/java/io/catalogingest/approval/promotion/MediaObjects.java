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
     * Copies {@code source} (as stat'ed) from one bucket to another at the same key, keeping its user metadata and
     * content type and stamping {@code sha256} (the media row's hash) as user metadata. The copy is conditional on the source's ETag, so a source replaced meanwhile fails the copy
     * instead of being copied half old, half new.
     *
     * @return {@code copy} or {@code multipart}
     */
    String copy(String fromBucket, String toBucket, String key, Stat source, String sha256) {
        // the entity tag quoted, as RFC 7232 writes it (S3Proxy compares it literally)
        String etag = "\"" + unquoted(source.etag()) + "\"";
        // the permanent object always carries the hash the gateway computed while streaming the upload
        Map<String, String> metadata = new HashMap<>(source.userMetadata());
        metadata.put(SHA256_METADATA, sha256);
        Map<String, String> headers = new HashMap<>();
        if (source.contentType() != null) {
            headers.put("Content-Type", source.contentType());
        }
        try {
            if (source.size() <= properties.multipartThreshold().toBytes()) {
                client.copyObject(CopyObjectArgs.builder().bucket(toBucket).object(key)
                        .source(CopySource.builder().bucket(fromBucket).object(key).matchETag(etag).build())
                        .userMetadata(metadata).headers(headers).build());
                return "copy";
            }
            long part = properties.partSizeFor(source.size());
            List<ComposeSource> ranges = new ArrayList<>();
            for (long offset = 0; offset < source.size(); offset += part) {
                ranges.add(ComposeSource.builder().bucket(fromBucket).object(key).offset(offset)
                        .length(Math.min(part, source.size() - offset)).matchETag(etag).build());
            }
            client.composeObject(ComposeObjectArgs.builder().bucket(toBucket).object(key).sources(ranges)
                    .userMetadata(metadata).headers(headers).build());
            return "multipart";
        } catch (Exception e) {
            throw new StorageException("could not copy " + fromBucket + "/" + key + " to " + toBucket, e);
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

    private static String unquoted(String etag) {
        if (etag == null) {
            return "";
        }
        String trimmed = etag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** The S3 server did not do what was asked (down, refused, timed out): a transient failure. */
    static final class StorageException extends RuntimeException {

        StorageException(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
