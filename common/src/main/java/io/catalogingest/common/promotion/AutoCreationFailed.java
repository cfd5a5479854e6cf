package io.catalogingest.common.promotion;

import java.util.List;

import io.catalogingest.common.catalog.FieldError;

/**
 * Event on {@code catalog.release-events.v1}: the catalog entries of an approved release could not be made (or its
 * media could not be promoted); the release stays {@code approved} with {@code autoCreationStatus=failed} and
 * {@code reason} as its {@code autoCreationError}.
 *
 * @param stage {@code promotion} or {@code creation}: where it failed
 */
public record AutoCreationFailed(String releaseId, String stage, String reason, List<FieldError> errors) {

    public AutoCreationFailed {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
