package io.catalogingest.common.catalog;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Command: create a product from the fields of Royalti's create-product form, already checked for shape by the
 * gateway. Null means "not given".
 */
public record CreateProduct(
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

    public CreateProduct {
        artists = artists == null ? List.of() : List.copyOf(artists);
        assets = assets == null ? List.of() : List.copyOf(assets);
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
