package io.catalogingest.gateway.artist;

import io.catalogingest.gateway.web.FormReader;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /artist} (documentation; {@link ArtistForm} reads the JSON). */
@Schema(name = "CreateArtistRequest")
record CreateArtistRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = ArtistForm.NAME_MAX)
        String name,
        @Schema(maxLength = FormReader.ID_MAX, pattern = FormReader.ID_PATTERN,
                description = "Your id for the artist; a UUID when left out") String id,
        @Schema(maxLength = ArtistForm.NAME_MAX, description = "Default label of the artist's products") String label,
        @Schema(maxLength = ArtistForm.NAME_MAX) String copyright,
        @Schema(maxLength = ArtistForm.NAME_MAX) String publisher) {
}
