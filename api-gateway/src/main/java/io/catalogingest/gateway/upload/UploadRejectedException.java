package io.catalogingest.gateway.upload;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * An upload that was refused or could not be completed, with the HTTP status the caller should answer and, for
 * 503s, how long the client should wait before retrying ({@code Retry-After}). Controllers turn it into their error
 * body. Whatever the cause, no object and no incomplete multipart upload of the failed file is left behind.
 */
public class UploadRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final Duration retryAfter;

    public UploadRejectedException(HttpStatus status, String message) {
        this(status, message, null, null);
    }

    public UploadRejectedException(HttpStatus status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** 400 for a malformed or truncated body, 413 too large, 415 not multipart, 503 busy or storage down. */
    public HttpStatus status() {
        return status;
    }

    /** Present for 503s: the value of the {@code Retry-After} header. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    static UploadRejectedException malformed(String message) {
        return new UploadRejectedException(HttpStatus.BAD_REQUEST, message);
    }
}
