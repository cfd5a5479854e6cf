package io.catalogingest.common.promotion;

/**
 * Event on {@code catalog.release-events.v1}, one per file of an approved release: the file's registered upload was
 * copied server-side (copy-if-match on the ETag recorded at upload) to the permanent bucket at its media key
 * ({@code objectKey}, the cloudId), stamped and verified (size and SHA-256) and removed from the temporary bucket;
 * its media row now names the permanent object. The event id is derived from the media id, so a re-announcement after
 * a crash carries the same {@code ce_id}.
 *
 * @param trackId the track the file belongs to, or null for a release-level file
 * @param bucket  the permanent bucket
 * @param method  how the permanent object came to be: {@code copy} (one server-side copy), {@code multipart}
 *                (server-side multipart copy of ranges) or {@code found} (an earlier attempt had copied it)
 */
public record MediaPromoted(String mediaId, String releaseId, String trackId, String bucket, String objectKey,
                            long size, String sha256, String method) {
}
