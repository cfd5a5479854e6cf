package io.catalogingest.gateway.upload;

/**
 * A file stored by {@link ObjectUploader}.
 *
 * @param size              bytes stored
 * @param sha256Hex         SHA-256 of the bytes, lower-case hex (also the object's user metadata {@code sha256})
 * @param etag              the S3 ETag, without quotes
 * @param contentTypeHeader the part's Content-Type header as the client sent it (may be null)
 * @param clientFileName    the file name as the client sent it, unsanitized (may be null)
 */
public record StoredObject(String bucket, String key, long size, String sha256Hex, String etag,
                           String contentTypeHeader, String clientFileName) implements UploadTarget {
}
