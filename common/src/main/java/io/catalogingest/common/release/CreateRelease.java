package io.catalogingest.common.release;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Command: create a release in {@code draft} with its tracks, from the fields of Royalti's create-release body,
 * already checked for shape by the gateway. Null means "not given".
 *
 * @param ownerId  the user the release belongs to (the token's subject, or {@code ownerId} given by an admin)
 * @param explicit {@code explicit}, {@code clean} or null
 * @param metadata free-form; {@code upc} and {@code catalogNumber} live here (Royalti's guide)
 */
public record CreateRelease(
        String releaseId,
        String ownerId,
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
        JsonNode metadata,
        List<ReleaseTrack> tracks) implements ReleaseCommand {

    public CreateRelease {
        artists = artists == null ? List.of() : List.copyOf(artists);
        mainGenre = mainGenre == null ? List.of() : List.copyOf(mainGenre);
        subGenre = subGenre == null ? List.of() : List.copyOf(subGenre);
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }
}
