package io.catalogingest.gateway.product;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /product/{id}} as the OpenAPI document describes it: the create form's fields, all optional
 * (absent or null keeps the stored value). Documentation only: the controller reads it with {@link ProductForm}.
 */
@Schema(name = "UpdateProductRequest", description = "Royalti's product form for an update: only the fields given "
        + "change")
record UpdateProductRequest(
        @Schema(minLength = 1, maxLength = ProductForm.TITLE_MAX) String title,
        @Schema(description = "Only a product whose UPC is a TEMP placeholder can be given one: a GTIN-12 or GTIN-13 "
                + "no product of any workspace holds. A UPC that is set cannot change (the same value is accepted)",
                pattern = "^[0-9]{12,14}$") String upc,
        @Schema(maxLength = ProductForm.SHORT_MAX) String catalogNumber,
        @Schema(description = "DEPRECATED Use catalogNumber instead", maxLength = ProductForm.SHORT_MAX,
                deprecated = true) String catalog,
        @Schema(maxLength = ProductForm.SHORT_MAX) String externalId,
        @Schema(maxLength = ProductForm.DISPLAY_ARTIST_MAX) String displayArtist,
        @Schema(allowableValues = {"Audio", "Video"}) String type,
        @Schema(maxLength = ProductForm.SHORT_MAX) String version,
        @Schema(description = "true, false, \"explicit\" or \"clean\"") Boolean explicit,
        @Schema(description = "Not after the takedown date (given or stored)") LocalDate releaseDate,
        @Schema(description = "Not before the release date (given or stored)") LocalDate takedownDate,
        @Schema(maxLength = ProductForm.SHORT_MAX) String mainGenre,
        @Schema(maxLength = ProductForm.SHORT_MAX) String subGenre,
        @Schema(allowableValues = {"active", "inactive", "pending"}) String status,
        @Schema(maxLength = ProductForm.DISPLAY_ARTIST_MAX) String label,
        @Schema(maxLength = ProductForm.DISPLAY_ARTIST_MAX) String copyright,
        @Schema(maxLength = ProductForm.DISPLAY_ARTIST_MAX) String publisher,
        @Schema(description = "Replaces the stored distribution") Map<String, Object> distribution,
        @ArraySchema(arraySchema = @Schema(description = "Replaces the stored contributors"),
                schema = @Schema(implementation = CreateProductRequest.Contributor.class))
        List<CreateProductRequest.Contributor> contributors,
        @Schema(description = "Merged into the stored metadata, key by key") Map<String, Object> metadata,
        @ArraySchema(arraySchema = @Schema(description = "Replaces the product's artists"),
                maxItems = ProductForm.MAX_ARTISTS) List<CreateProductRequest.ArtistRole> artists,
        @ArraySchema(arraySchema = @Schema(description = "Replaces the product's tracks; the format is decided again"),
                maxItems = ProductForm.MAX_ASSETS) List<CreateProductRequest.Track> assets) {
}
