package io.catalogingest.common.release;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A track of a release as given when the release is created, checked for shape by the gateway. Null means "not
 * given".
 *
 * @param trackId     the track's id (a UUID the gateway assigns)
 * @param trackNumber 1-based position on the release, unique within it
 * @param isrc        normalized (12 characters, no hyphens)
 * @param duration    seconds, as the client declared it (the measured duration of the track's file is in the
 *                    media's metadata)
 */
public record ReleaseTrack(
        String trackId,
        int trackNumber,
        String title,
        String version,
        String isrc,
        String iswc,
        Double duration,
        String displayArtist,
        List<ArtistCredit> artists,
        boolean explicit,
        String language,
        List<String> mainGenre,
        List<String> subGenre,
        JsonNode contributors,
        JsonNode metadata) {

    public ReleaseTrack {
        artists = artists == null ? List.of() : List.copyOf(artists);
        mainGenre = mainGenre == null ? List.of() : List.copyOf(mainGenre);
        subGenre = subGenre == null ? List.of() : List.copyOf(subGenre);
    }
}
