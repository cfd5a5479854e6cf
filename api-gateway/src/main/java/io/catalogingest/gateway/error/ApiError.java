package io.catalogingest.gateway.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.catalogingest.common.catalog.FieldError;

/** The seed's error body: {@code {"status":"error","message":"...","errors":[{"field":"...","message":"..."}]}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String status, String message, List<FieldError> errors) {

    public static ApiError of(String message, List<FieldError> errors) {
        return new ApiError("error", message, errors == null ? List.of() : List.copyOf(errors));
    }

    public static ApiError of(String message) {
        return of(message, List.of());
    }
}
