package io.catalogingest.common.release;

/**
 * Command: add a track to a release in {@code draft} or {@code rejected}. {@code track.trackNumber()} is where it goes:
 * the tracks from there on move one down, and a number past the end puts it last, so numbers stay 1..n.
 */
public record AddTrack(String releaseId, ReleaseTrack track) implements ReleaseCommand {
}
