package io.catalogingest.gateway.error;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.support.messaging.PublishFailedException;
import tools.jackson.databind.exc.JsonNodeException;

/** Every error answer of the gateway, in the seed's body; a known cause never becomes a bare 500. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return ResponseEntity.status(e.status()).body(ApiError.of(e.getMessage(), e.errors()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(ApiError.of("Request body is not valid JSON"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ApiError.of("Unsupported Content-Type " + e.getContentType()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(ApiError.of("Method " + e.getMethod() + " is not supported here"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(ApiError.of("Invalid value for " + e.getName(),
                List.of(new FieldError(e.getName(), "has an invalid value"))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return ResponseEntity.badRequest().body(ApiError.of("Missing header " + e.getHeaderName()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("Resource not found"));
    }

    /**
     * A JSON value of the request that cannot be converted (e.g. a number beyond the range of a long): the client's
     * input, so a 400. A safety net: form readers should check ranges themselves and name the field.
     */
    @ExceptionHandler(JsonNodeException.class)
    ResponseEntity<ApiError> unusableJsonValue(JsonNodeException e) {
        log.info("Refused a request with an unusable JSON value: {}", e.getClass().getSimpleName());
        return ResponseEntity.badRequest()
                .body(ApiError.of("A value in the request has the wrong type or is out of range"));
    }

    @ExceptionHandler(PublishFailedException.class)
    ResponseEntity<ApiError> kafkaDown(PublishFailedException e) {
        log.error("Could not publish a command: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ApiError.of("The message broker is unavailable; nothing was accepted. Retry later."));
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiError> databaseDown(DataAccessException e) {
        log.error("Database call failed: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ApiError.of("The database is unavailable. Retry later."));
    }
}
