package io.catalogingest.common.release;

/** Event: a media file of a release was deleted (its row is gone, its object removed). */
public record MediaDeleted(String releaseId, String trackId, String objectKey) {
}
