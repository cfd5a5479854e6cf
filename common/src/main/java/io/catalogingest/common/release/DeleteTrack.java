package io.catalogingest.common.release;

/**
 * Command: delete a track (and its media) from a release in {@code draft} or {@code rejected}; the tracks after it
 * move up, so numbers stay 1..n. The media's temporary objects are deleted after the commit.
 */
public record DeleteTrack(String releaseId, String trackId) implements ReleaseCommand {
}
