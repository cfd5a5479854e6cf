package io.catalogingest.gateway.artist;

/** Royalti's envelope around the created artist. */
record ArtistAnswer(boolean success, String message, ArtistReader.ArtistView data) {
}
