package io.catalogingest.gateway.release;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Royalti's create-release body ({@code POST /releases}) as the OpenAPI document describes it: the fields and limits
 * {@link ReleaseForm} checks. Documentation only: the controller reads the JSON with {@link ReleaseForm}.
 */
@Schema(name = "CreateReleaseRequest", description = "A draft release with its tracks")
record CreateReleaseRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = ReleaseForm.TEXT_MAX,
                example = "First Light") String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = ReleaseForm.TEXT_MAX,
                example = "The Testers") String displayArtist,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Artist name or id → primary | featuring; "
                + "at least one primary, at most " + ReleaseForm.MAX_ARTISTS,
                example = "{\"The Testers\": \"primary\", \"Guest\": \"featuring\"}") Map<String, Role> artists,
        @Schema(allowableValues = {"Single", "EP", "Album", "Compilation", "Soundtrack", "Live", "Remix", "Remaster",
                "Mixtape", "LP", "Video"}) String format,
        @Schema(allowableValues = {"Audio", "Video", "Mixed", "Audiovisual"}) String type,
        @Schema(maxLength = ReleaseForm.TEXT_MAX) String version,
        @Schema(maxLength = ReleaseForm.TEXT_MAX) String label,
        @Schema(maxLength = ReleaseForm.TEXT_MAX) String copyright,
        @Schema(maxLength = ReleaseForm.DESCRIPTION_MAX) String description,
        @Schema(description = "A genre (≤ " + ReleaseForm.GENRE_MAX + " characters) or up to " + ReleaseForm.MAX_GENRES
                + " of them", oneOf = {String.class, String[].class}) Object mainGenre,
        @Schema(description = "A genre or a list of them", oneOf = {String.class, String[].class}) Object subGenre,
        @Schema(description = "Free-form contributors") Object contributors,
        @Schema(description = "Free-form metadata (e.g. upc, catalogNumber)") Map<String, Object> metadata,
        @Schema(description = "\"explicit\", \"clean\" (or true / false)", example = "clean") Object explicit,
        LocalDate releaseDate,
        @Schema(description = "Not after releaseDate") LocalDate preReleaseDate,
        @Schema(description = "Admins only: the user the release belongs to (default: the caller)", maxLength = 255)
        String ownerId,
        @ArraySchema(arraySchema = @Schema(description = "The tracks, at most " + ReleaseForm.MAX_TRACKS),
                maxItems = ReleaseForm.MAX_TRACKS) List<TrackRequest> tracks) {

    /** An artist's role on the release. */
    @Schema(name = "ArtistRole", allowableValues = {"primary", "featuring"})
    enum Role { primary, featuring }

    /** A track of a new release. */
    @Schema(name = "CreateReleaseTrack")
    record TrackRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = ReleaseForm.TEXT_MAX)
            String title,
            @Schema(maxLength = ReleaseForm.TEXT_MAX) String version,
            @Schema(description = "ISRC, e.g. US-RC1-76-07830 or USRC17607830") String isrc,
            String iswc,
            @Schema(description = "Seconds", minimum = "0", maximum = "86400") Double duration,
            String lyrics, String language,
            @Schema(maxLength = ReleaseForm.TEXT_MAX) String displayArtist,
            @Schema(description = "Artist name or id → primary | featuring") Map<String, Role> artists,
            @Schema(oneOf = {String.class, String[].class}) Object mainGenre,
            @Schema(oneOf = {String.class, String[].class}) Object subGenre,
            Object contributors, Map<String, Object> metadata,
            @Schema(description = "true, false, \"explicit\" or \"clean\"") Object explicit,
            @Schema(minimum = "1", maximum = "9999", description = "Default: the position") Integer trackNumber) {
    }
}
