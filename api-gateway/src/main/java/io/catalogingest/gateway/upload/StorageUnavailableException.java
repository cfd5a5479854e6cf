package io.catalogingest.gateway.upload;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** 503 with {@code Retry-After}: the S3 server failed or could not be reached; nothing of the file was kept. */
public class StorageUnavailableException extends UploadRejectedException {

    public StorageUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, message, retryAfter, cause);
    }
}
