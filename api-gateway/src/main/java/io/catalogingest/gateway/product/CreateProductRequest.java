package io.catalogingest.gateway.product;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.catalogingest.gateway.web.FormReader;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Royalti's create-product form ({@code POST /product}, multipart/form-data or application/json) as the OpenAPI
 * document describes it: every field and limit that {@link ProductForm} checks. Documentation only: the controller
 * reads the body with {@link ProductForm}, which also takes the MEAD fields and Royalti's {@code artists[0]} indexing.
 */
@Schema(name = "CreateProductRequest", description = "Royalti's create-product form")
record CreateProductRequest(
        @Schema(description = "Product title", requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
                maxLength = ProductForm.TITLE_MAX, example = "Summer Vibes") String title,
        @Schema(description = "Custom product identifier (letters, digits and . _ : -); a UUID when left out",
                maxLength = FormReader.ID_MAX, pattern = FormReader.ID_PATTERN, example = "PROD-001")
        String id,
        @Schema(description = "Universal Product Code: a GTIN-12 or GTIN-13 with a valid GS1 check digit, unique in "
                + "the workspace; allocated from the workspace's UPC block when left out",
                pattern = "^[0-9]{12,13}$", example = "123456789012") String upc,
        @Schema(description = "Catalog number for the product", maxLength = ProductForm.SHORT_MAX,
                example = "CAT-2024-001") String catalogNumber,
        @Schema(description = "DEPRECATED Use catalogNumber instead (answers carry a Deprecation header)",
                maxLength = ProductForm.SHORT_MAX, deprecated = true) String catalog,
        @Schema(description = "External system identifier", maxLength = ProductForm.SHORT_MAX, example = "EXT-12345")
        String externalId,
        @Schema(description = "Display name for the artist(s)", maxLength = ProductForm.DISPLAY_ARTIST_MAX,
                example = "John Doe feat. Jane Smith") String displayArtist,
        @Schema(description = "Product type", allowableValues = {"Audio", "Video"}, defaultValue = "Audio")
        String type,
        @Schema(description = "Product version or variant", maxLength = ProductForm.SHORT_MAX,
                example = "Deluxe Edition") String version,
        @Schema(description = "Whether the product contains explicit content (\"explicit\"/\"clean\" accepted too)",
                defaultValue = "false") Boolean explicit,
        @Schema(description = "Product release date; not after takedownDate", example = "2024-06-15")
        LocalDate releaseDate,
        @Schema(description = "Date when product should be taken down; not before releaseDate",
                example = "2024-12-31") LocalDate takedownDate,
        @Schema(description = "Primary genre", maxLength = ProductForm.SHORT_MAX, example = "Pop") String mainGenre,
        @Schema(description = "Secondary genre", maxLength = ProductForm.SHORT_MAX, example = "Dance Pop")
        String subGenre,
        @Schema(description = "Product status", allowableValues = {"active", "inactive", "pending"},
                defaultValue = "active") String status,
        @Schema(description = "Record label (default: the primary artist's)", maxLength = ProductForm.DISPLAY_ARTIST_MAX)
        String label,
        @Schema(description = "Copyright (default: the primary artist's)", maxLength = ProductForm.DISPLAY_ARTIST_MAX)
        String copyright,
        @Schema(description = "Publisher (default: the primary artist's)", maxLength = ProductForm.DISPLAY_ARTIST_MAX)
        String publisher,
        @Schema(description = "Distribution settings and preferences") Map<String, Object> distribution,
        @ArraySchema(arraySchema = @Schema(description = "List of contributors and their roles"),
                schema = @Schema(implementation = Contributor.class)) List<Contributor> contributors,
        @Schema(description = "Additional product metadata") Map<String, Object> metadata,
        @ArraySchema(arraySchema = @Schema(description = "Associated artists with their roles (in a form: "
                + "artists[0], artists[1] … each a JSON object)"), maxItems = ProductForm.MAX_ARTISTS)
        List<ArtistRole> artists,
        @ArraySchema(arraySchema = @Schema(description = "Associated media assets (tracks, videos); numbers unique "
                + "(in a form: assets[0], assets[1] … each a JSON object)"), maxItems = ProductForm.MAX_ASSETS)
        List<Track> assets) {

    /** An artist of the product. */
    @Schema(name = "ProductArtistRef")
    record ArtistRole(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ProductForm.SHORT_MAX,
            example = "artist-123") String id,
                      @Schema(allowableValues = {"primary", "featuring"}, defaultValue = "primary") String type) {
    }

    /** A track of the product. */
    @Schema(name = "ProductAssetRef")
    record Track(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ProductForm.SHORT_MAX,
            example = "asset-789") String asset,
                 @Schema(minimum = "1", maximum = "9999", description = "Track number (default: the position)")
                 Integer number) {
    }

    /** A contributor. */
    @Schema(name = "ProductContributor")
    record Contributor(String name, String role, @Schema(example = "50") Number share) {
    }
}
