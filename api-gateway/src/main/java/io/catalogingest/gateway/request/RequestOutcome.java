package io.catalogingest.gateway.request;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.catalogingest.common.catalog.FieldError;

/** What a worker recorded about a request it applied. */
public record RequestOutcome(UUID requestId, String tenantId, Kind outcome, String resourceType,
                             String resourceId, int httpStatus, String message, List<FieldError> errors,
                             Instant completedAt) {

    /** How the worker decided ({@code request_outcome.outcome}, stored lowercase). */
    public enum Kind {
        SUCCEEDED,
        REJECTED;

        /** The stored (and shown) name: lowercase. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean succeeded() {
        return outcome == Kind.SUCCEEDED;
    }
}
