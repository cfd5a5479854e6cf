package io.catalogingest.gateway.error;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.JdbiException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.upload.UploadRejectedException;
import io.catalogingest.support.messaging.PublishFailedException;
import io.catalogingest.support.outage.Dependency;
import io.catalogingest.support.outage.Outages;
import tools.jackson.databind.exc.JsonNodeException;

/** Every error answer of the gateway, in the seed's body; a known cause never becomes a bare 500. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final OutageProperties outages;

    ApiExceptionHandler(OutageProperties outages) {
        this.outages = outages;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> refused(ApiException e) {
        return ResponseEntity.status(e.status()).body(ApiError.of(e.getMessage(), e.errors()));
    }

    /**
     * An upload refused or not completed (400 malformed or truncated, 413 too large, 415 not multipart, 503 busy or
     * storage down, with {@code Retry-After}); its objects are gone already.
     */
    @ExceptionHandler(UploadRejectedException.class)
    ResponseEntity<ApiError> uploadRefused(UploadRejectedException e) {
        return refusal(e.status(), e.retryAfter(), ApiError.of(e.getMessage()));
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

    /**
     * A dependency outage — the database, the broker or the S3 server cannot be reached or does not answer: 503 with
     * {@code Retry-After}, naming the dependency. Any other failure of a database call is a bug of ours: a 500 in the
     * seed's body. Jdbi's exceptions are not Spring's {@link DataAccessException}s, so both are handled here.
     */
    @ExceptionHandler({PublishFailedException.class, DataAccessException.class, JdbiException.class})
    ResponseEntity<ApiError> dependencyFailed(RuntimeException e) {
        Optional<Dependency> outage = Outages.of(e);
        if (outage.isEmpty()) {
            log.error("Request failed", e);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(ApiError.of("Internal error"));
        }
        return unavailable(outage.get(), e);
    }

    /**
     * The last resort for a runtime failure no handler above names. Without it such a failure reaches Spring's
     * {@code DefaultHandlerExceptionResolver}, which takes any exception with an {@code EOFException} (or "broken pipe",
     * "connection reset by peer") among its causes for a client that went away and leaves the response as it is:
     * {@code 200} with an empty body. A pooled database connection that PostgreSQL closed (an immediate stop) fails
     * exactly so — issue 11's "200 with an empty body". Spring's own exceptions that carry a status ({@link
     * ErrorResponse}, conversion failures) are left to Spring's resolvers; everything else is an outage (503) or a
     * logged 500, in the seed's body.
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ApiError> unexpected(RuntimeException e) {
        if (e instanceof ErrorResponse || e instanceof TypeMismatchException
                || e instanceof HttpMessageConversionException) {
            throw e;
        }
        return dependencyFailed(e);
    }

    /** A 503 for an outage of {@code dependency}, with {@code Retry-After}. */
    ResponseEntity<ApiError> unavailable(Dependency dependency, Throwable cause) {
        log.warn("Answering 503: the {} is unavailable ({})", dependency.label(), rootMessage(cause));
        String message = switch (dependency) {
            case DATABASE -> "The database is unavailable. Retry later.";
            case BROKER -> "The message broker is unavailable; nothing was accepted. Retry later.";
            case STORAGE -> "The object storage is unavailable. Retry later.";
        };
        return refusal(HttpStatus.SERVICE_UNAVAILABLE, Optional.of(outages.retryAfter()), ApiError.of(message));
    }

    /** A refusal, with {@code Retry-After} (whole seconds, at least 1) when the client should come back later. */
    private static ResponseEntity<ApiError> refusal(HttpStatus status, Optional<Duration> retryAfter, ApiError body) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        retryAfter.ifPresent(after -> answer.header(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, after.toSeconds()))));
        return answer.body(body);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
