package io.catalogingest.gateway.product;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A product as Royalti's API returns it, and {@code upcNotice} when there is something to say about its UPC: why it
 * is a {@code TEMP} placeholder (no UPC block of the workspace's own, or auto-UPC off), or that the workspace's UPC
 * blocks were running low when it was created.
 */
public record ProductView(String id, String title, String displayArtist, String upc,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String upcNotice, String catalogNumber,
                          String externalId, String type, String format, boolean explicit, LocalDate releaseDate,
                          LocalDate takedownDate, String mainGenre, String subGenre, String status, String version,
                          String label, String copyright, String publisher, List<Media> media,
                          List<Artist> artists, List<Asset> assets, JsonNode distribution, JsonNode contributors,
                          JsonNode metadata, boolean isDraft, Instant createdAt, Instant updatedAt) {

    /** The same product with its artists and tracks. */
    ProductView withLinks(List<Artist> productArtists, List<Asset> productAssets, List<Media> productMedia) {
        return new ProductView(id, title, displayArtist, upc, upcNotice, catalogNumber, externalId, type, format,
                explicit, releaseDate, takedownDate, mainGenre, subGenre, status, version, label, copyright, publisher,
                List.copyOf(productMedia),
                List.copyOf(productArtists), List.copyOf(productAssets), distribution, contributors, metadata,
                isDraft, createdAt, updatedAt);
    }

    /** A media file of the product (artwork, etc.). */
    @Schema(name = "ProductMedia")
    public record Media(String id, String url, String type, String mimetype) {
    }

    /** An artist of the product and its role. */
    @Schema(name = "ProductArtist")
    public record Artist(String id, String name, String type) {
    }

    /** A track of the product. */
    @Schema(name = "ProductAsset")
    public record Asset(String id, String title, String isrc, int number) {
    }
}
