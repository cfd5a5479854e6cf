package io.catalogingest.gateway.request;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A command that was accepted and has no outcome yet: where to ask for it ({@code GET /requests/{requestId}}). */
@Schema(description = "An accepted command without an outcome yet (202)")
public record Pending(@Schema(allowableValues = "pending", requiredMode = Schema.RequiredMode.REQUIRED) String status,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID requestId,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "/requests/3f1c…")
                      String location) {

    public static Pending of(UUID requestId) {
        return new Pending("pending", requestId, "/requests/" + requestId);
    }
}
