package io.catalogingest.gateway.release;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** Royalti's reorder body: every track id of the release once, in the new order (numbered 1..n). */
@Schema(name = "ReorderTracksRequest")
record ReorderTracksRequest(
        @ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "Every track id of the release once, in the new order"),
                minItems = 1, maxItems = ReleaseForm.MAX_TRACKS, uniqueItems = true) List<UUID> trackOrder) {
}
