package io.catalogingest.gateway.release;

import java.time.LocalDate;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Royalti's update-release body ({@code PUT /releases/{id}}) as the OpenAPI document describes it: every field of the
 * create body but the owner and the tracks, each optional (absent or null: unchanged). Documentation only: the
 * controller reads the JSON with {@link ReleaseForm}.
 */
@Schema(name = "UpdateReleaseRequest", description = "The release's fields to change; the others stay as they are")
record UpdateReleaseRequest(
        @Schema(minLength = 1, maxLength = ReleaseForm.TEXT_MAX, example = "First Light (Deluxe)") String title,
        @Schema(minLength = 1, maxLength = ReleaseForm.TEXT_MAX) String displayArtist,
        @Schema(description = "Replaces the artists: name or id → primary | featuring; at least one primary")
        Map<String, CreateReleaseRequest.Role> artists,
        @Schema(allowableValues = {"Single", "EP", "Album", "Compilation", "Soundtrack", "Live", "Remix", "Remaster",
                "Mixtape", "LP", "Video"}) String format,
        @Schema(allowableValues = {"Audio", "Video", "Mixed", "Audiovisual"}) String type,
        @Schema(maxLength = ReleaseForm.TEXT_MAX) String version,
        @Schema(maxLength = ReleaseForm.TEXT_MAX) String label,
        @Schema(maxLength = ReleaseForm.TEXT_MAX) String copyright,
        @Schema(maxLength = ReleaseForm.DESCRIPTION_MAX) String description,
        @Schema(oneOf = {String.class, String[].class}) Object mainGenre,
        @Schema(oneOf = {String.class, String[].class}) Object subGenre,
        @Schema(description = "Free-form contributors") Object contributors,
        @Schema(description = "Free-form metadata (e.g. upc, catalogNumber); replaces the stored one")
        Map<String, Object> metadata,
        @Schema(description = "\"explicit\", \"clean\" (or true / false)") Object explicit,
        LocalDate releaseDate,
        @Schema(description = "Not after releaseDate (the stored one when not given)") LocalDate preReleaseDate) {
}
