package io.catalogingest.common.release;

/** Event: a draft release was deleted with its tracks and its {@code mediaCount} media files. */
public record ReleaseDeleted(String releaseId, int trackCount, int mediaCount) {
}
