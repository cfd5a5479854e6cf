package io.catalogingest.gateway.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.catalogingest.common.catalog.FieldError;

/** What a worker recorded about a request it applied. */
public record RequestOutcome(UUID requestId, String tenantId, String outcome, String resourceType,
                             String resourceId, int httpStatus, String message, List<FieldError> errors,
                             Instant completedAt) {

    public boolean succeeded() {
        return "succeeded".equals(outcome);
    }
}
