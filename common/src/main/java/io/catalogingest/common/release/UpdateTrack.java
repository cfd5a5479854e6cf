package io.catalogingest.common.release;

/** Command: change a track's fields (partial) in a release in {@code draft} or {@code rejected}. */
public record UpdateTrack(String releaseId, String trackId, TrackChanges changes) implements ReleaseCommand {
}
