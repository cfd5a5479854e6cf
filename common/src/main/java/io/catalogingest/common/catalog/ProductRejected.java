package io.catalogingest.common.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Event: a product command (create, replace its tracks, update, delete) was refused for a business reason.
 *
 * @param status    the HTTP status that describes the refusal: 400 invalid, 404 unknown product, 409 conflict
 * @param requestId the HTTP request that asked for it (null when none did)
 */
public record ProductRejected(String productId, int status, String message, List<FieldError> errors,
                              UUID requestId) {

    public ProductRejected {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
