package io.catalogingest.gateway.upload;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** 503 with {@code Retry-After}: every upload slot of this gateway is taken; the body was not read. */
public class UploadsBusyException extends UploadRejectedException {

    public UploadsBusyException(int slots, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Too many uploads in progress (" + slots + "); retry later", retryAfter,
                null);
    }
}
