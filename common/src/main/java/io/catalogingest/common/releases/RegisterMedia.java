package io.catalogingest.common.releases;

import java.time.Instant;

/**
 * Command: a file was streamed into the temporary bucket for a release (or one of its tracks); inspect it and
 * register it. Travels on the release's partition, so it is applied in order with {@link SubmitRelease}.
 *
 * @param mediaId             id of this upload (a UUID the gateway assigns)
 * @param trackId             the track the file belongs to, or null for a release-level file
 * @param objectKey           the object's key in {@code bucket} (Royalti's {@code cloudId})
 * @param name                the sanitized file name shown to clients
 * @param clientFileName      the file name as the client sent it (for the logs and the rejection message)
 * @param size                bytes stored
 * @param sha256              hex SHA-256 of the bytes, as computed while streaming (also the object's metadata)
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
        Instant uploadedAt) {
}
