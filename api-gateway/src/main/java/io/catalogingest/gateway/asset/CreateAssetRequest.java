package io.catalogingest.gateway.asset;

import io.catalogingest.gateway.web.FormReader;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /asset} (documentation; {@link AssetForm} reads the JSON). */
@Schema(name = "CreateAssetRequest")
record CreateAssetRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = AssetForm.TEXT_MAX)
        String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = AssetForm.TEXT_MAX)
        String displayArtist,
        @Schema(maxLength = FormReader.ID_MAX, pattern = FormReader.ID_PATTERN,
                description = "Your id for the asset; a UUID when left out") String id,
        @Schema(maxLength = 20, description = "ISRC, CC-XXX-YY-NNNNN (hyphens optional)", example = "US-RC1-76-07839")
        String isrc,
        @Schema(types = {"integer", "string"}, description = "Whole seconds, or an ISO-8601 duration like PT3M45S")
        Object duration,
        @Schema(allowableValues = {"Audio", "Video"}, defaultValue = "Audio") String type) {
}
