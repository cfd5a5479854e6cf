package io.catalogingest.gateway.release;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Royalti's link-asset body: an asset of the workspace becomes a new track; its title, display artist, ISRC and
 * duration are the defaults {@code overrides} replace.
 */
@Schema(name = "LinkAssetRequest")
record LinkAssetRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The asset's id") String assetId,
        @Schema(minimum = "1", maximum = "9999", description = "Where the track goes (default: last)")
        Integer trackNumber,
        @Schema(description = "Track fields replacing the asset's (no trackNumber)")
        CreateReleaseRequest.TrackRequest overrides) {
}
