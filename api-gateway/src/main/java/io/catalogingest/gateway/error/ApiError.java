package io.catalogingest.gateway.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.catalogingest.common.catalog.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;

/** The seed's error body: {@code {"status":"error","message":"...","errors":[{"field":"...","message":"..."}]}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "ApiError", description = "The error body of every refusal")
public record ApiError(@Schema(allowableValues = "error", requiredMode = Schema.RequiredMode.REQUIRED) String status,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Invalid product") String message,
                       @Schema(description = "One entry per field at fault; left out when empty")
                       List<FieldError> errors) {

    public static ApiError of(String message, List<FieldError> errors) {
        return new ApiError("error", message, errors == null ? List.of() : List.copyOf(errors));
    }

    public static ApiError of(String message) {
        return of(message, List.of());
    }
}
