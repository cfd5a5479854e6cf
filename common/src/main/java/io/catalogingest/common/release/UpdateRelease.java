package io.catalogingest.common.release;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Command: change the documented fields of a release in {@code draft} or {@code rejected} (Royalti's
 * {@code PUT /releases/{id}}), already checked for shape by the gateway. A partial update: null leaves a field as it
 * is; a list given (even empty) replaces the stored one.
 *
 * @param explicit {@code explicit}, {@code clean} or null (unchanged)
 * @param metadata free-form, replaces the stored metadata when given
 */
public record UpdateRelease(
        String releaseId,
        String title,
        String displayArtist,
        List<ArtistCredit> artists,
        String format,
        String type,
        String version,
        String label,
        String copyright,
        String description,
        List<String> mainGenre,
        List<String> subGenre,
        LocalDate releaseDate,
        LocalDate preReleaseDate,
        String explicit,
        JsonNode contributors,
        JsonNode metadata) implements ReleaseCommand {

    public UpdateRelease {
        artists = artists == null ? null : List.copyOf(artists);
        mainGenre = mainGenre == null ? null : List.copyOf(mainGenre);
        subGenre = subGenre == null ? null : List.copyOf(subGenre);
    }
}
