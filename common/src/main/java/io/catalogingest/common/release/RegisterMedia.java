package io.catalogingest.common.release;

import java.time.Instant;

/**
 * Command: a file was streamed into the temporary bucket for a release (or one of its tracks); inspect it and
 * register it. Travels on the release's partition, so it is applied in order with {@link SubmitRelease}.
 *
 * @param mediaId             id of this upload (a UUID the gateway assigns)
 * @param trackId             the track the file belongs to, or null for a release-level file
 * @param objectKey           the media key (Royalti's {@code cloudId}): where the file will live in the permanent
 *                            bucket, and what a later upload of the same name replaces
 * @param uploadKey           the immutable temporary object this upload wrote in {@code bucket}
 *                            ({@code StorageKeys.upload}); null in commands from before upload keys, which stored
 *                            the object at {@code objectKey}
 * @param etag                the ETag S3 acknowledged for the completed object (unquoted), or null if unknown
 * @param name                the sanitized file name shown to clients
 * @param clientFileName      the file name as the client sent it (for the logs and the rejection message)
 * @param size                bytes stored
 * @param sha256              hex SHA-256 of the bytes, as computed while streaming
 * @param declaredContentType the part's Content-Type header; never trusted for the type
 */
public record RegisterMedia(
        String mediaId,
        String releaseId,
        String trackId,
        String bucket,
        String objectKey,
        String name,
        String clientFileName,
        long size,
        String sha256,
        String declaredContentType,
        Instant uploadedAt,
        String uploadKey,
        String etag) implements ReleaseCommand {

    /** The key of the temporary object this command registers. */
    public String storedKey() {
        return uploadKey != null ? uploadKey : objectKey;
    }
}
