package io.catalogingest.gateway.error;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.catalogingest.common.catalog.FieldError;

/** A refusal with its status code and reasons, turned into the seed's error body in one place. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(HttpStatus status, String message) {
        this(status, message, List.of());
    }

    public static ApiException badRequest(String message, List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found");
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
