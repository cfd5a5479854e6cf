package io.catalogingest.gateway.request;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Royalti's success envelope, {@code {"success": true, "message": ..., "data": ...}}; a null message is left out.
 *
 * @param <T> what {@code data} holds
 */
@Schema(description = "Royalti's success envelope")
public record Success<T>(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "true") boolean success,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String message,
                         T data) {

    public static <T> Success<T> of(String message, T data) {
        return new Success<>(true, message, data);
    }
}
