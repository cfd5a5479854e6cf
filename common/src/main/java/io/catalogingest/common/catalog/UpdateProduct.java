package io.catalogingest.common.catalog;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Command: change some fields of a product (Royalti's {@code PUT /product/{id}}), already checked for shape by the
 * gateway. Null means "keep": only the fields given change. {@code artists} and {@code assets}, when given, replace
 * the product's artists and tracks (the format is decided again from the tracks); {@code metadata} is merged into the
 * stored metadata key by key; {@code upc} may only be set on a product whose UPC is a {@code TEMP} placeholder.
 */
public record UpdateProduct(
        String productId,
        String title,
        String upc,
        String catalogNumber,
        String externalId,
        String displayArtist,
        String type,
        String version,
        Boolean explicit,
        LocalDate releaseDate,
        LocalDate takedownDate,
        String mainGenre,
        String subGenre,
        String status,
        String label,
        String copyright,
        String publisher,
        List<ArtistRef> artists,
        List<AssetRef> assets,
        JsonNode contributors,
        JsonNode distribution,
        JsonNode metadata) implements CatalogCommand {

    public UpdateProduct {
        artists = artists == null ? null : List.copyOf(artists);
        assets = assets == null ? null : List.copyOf(assets);
        contributors = absentIfNull(contributors);
        distribution = absentIfNull(distribution);
        metadata = absentIfNull(metadata);
    }

    private static JsonNode absentIfNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    @Override
    public String aggregateId() {
        return productId;
    }
}
