package io.catalogingest.common.release;

/**
 * One entry of Royalti's artists map {@code {"<artist name or artist UUID>": "primary"|"featuring"}}.
 *
 * @param artist an artist's UUID (links an existing artist) or its name (the artist is created with the catalog
 *               entries of the approved release)
 * @param type   {@code primary} or {@code featuring}
 */
public record ArtistCredit(String artist, String type) {
}
