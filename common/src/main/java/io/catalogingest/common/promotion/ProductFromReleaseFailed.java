package io.catalogingest.common.promotion;

import java.util.List;

import io.catalogingest.common.catalog.FieldError;

/**
 * Event on {@code catalog.catalog-events.v1}, keyed by the product id: the catalog entries of an approved release
 * could not be created (e.g. its {@code metadata.upc} is invalid or taken, or the UPC block is exhausted). Nothing
 * was created.
 *
 * @param status the HTTP status that describes the refusal: 400 invalid, 404 unknown release, 409 conflict
 */
public record ProductFromReleaseFailed(String releaseId, String productId, int status, String message,
                                       List<FieldError> errors)
        implements AutoCreationAnswer {

    public ProductFromReleaseFailed {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
