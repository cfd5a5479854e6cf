package io.catalogingest.common.catalog;

import java.util.List;

/**
 * Event: a create-product command was refused for a business reason.
 *
 * @param status the HTTP status that describes the refusal: 400 invalid, 409 conflict
 */
public record ProductRejected(String productId, int status, String message, List<FieldError> errors) {

    public ProductRejected {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
