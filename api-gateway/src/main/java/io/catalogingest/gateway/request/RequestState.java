package io.catalogingest.gateway.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.catalogingest.common.catalog.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /requests/{requestId}}: a request still waiting for its outcome, or the outcome. */
@Schema(oneOf = {RequestState.Waiting.class, RequestState.Completed.class})
sealed interface RequestState {

    /** Accepted, no outcome yet. */
    @Schema(name = "RequestWaiting")
    record Waiting(UUID requestId, String kind, Instant acceptedAt,
                   @Schema(allowableValues = "pending") String status) implements RequestState {
    }

    /**
     * The worker's outcome.
     *
     * @param status {@code success} or {@code rejection}
     * @param location where the resource is, when the outcome names one
     */
    @Schema(name = "RequestCompleted")
    record Completed(UUID requestId, String kind, Instant acceptedAt, String status, int httpStatus,
                     @Schema(types = {"string", "null"}) String resourceType,
                     @Schema(types = {"string", "null"}) String resourceId,
                     @Schema(types = {"string", "null"}) String location,
                     @Schema(types = {"string", "null"}) String message,
                     List<FieldError> errors, Instant completedAt) implements RequestState {
    }
}
