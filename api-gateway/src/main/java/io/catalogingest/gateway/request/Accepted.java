package io.catalogingest.gateway.request;

import io.swagger.v3.oas.annotations.media.Schema;

/** The 202 of an envelope endpoint: Royalti's envelope around where the outcome will be. */
@Schema(description = "Accepted; the outcome will be at data.location (also in the Location header)")
public record Accepted(@Schema(example = "true") boolean success,
                       @Schema(example = "Accepted; the outcome will be at /requests/3f1c…") String message,
                       Pending data) {

    static Accepted of(Pending pending) {
        return new Accepted(true, "Accepted; the outcome will be at " + pending.location(), pending);
    }
}
