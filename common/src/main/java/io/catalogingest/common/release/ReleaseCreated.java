package io.catalogingest.common.release;

/** Event: a release was created in {@code draft}; the full release is read from the catalog by its id. */
public record ReleaseCreated(String releaseId, int trackCount) {
}
