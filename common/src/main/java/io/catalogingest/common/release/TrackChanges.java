package io.catalogingest.common.release;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Changes to a track's fields (Royalti's {@code ReleaseTrackInput}), checked for shape by the gateway: null leaves a
 * field as it is; a list given (even empty) replaces the stored one.
 *
 * @param isrc normalized (12 characters, no hyphens)
 */
public record TrackChanges(
        String title,
        String version,
        String isrc,
        String iswc,
        Double duration,
        String displayArtist,
        List<ArtistCredit> artists,
        Boolean explicit,
        String language,
        List<String> mainGenre,
        List<String> subGenre,
        JsonNode contributors,
        JsonNode metadata) {

    public TrackChanges {
        artists = artists == null ? null : List.copyOf(artists);
        mainGenre = mainGenre == null ? null : List.copyOf(mainGenre);
        subGenre = subGenre == null ? null : List.copyOf(subGenre);
    }

    /** No change at all. */
    public static TrackChanges none() {
        return new TrackChanges(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
