package io.catalogingest.common.catalog;

/** An artist a product refers to, with its role: {@code primary} or {@code featuring}. */
public record ArtistRef(String id, String type) {
}
