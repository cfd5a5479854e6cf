package io.catalogingest.gateway.upload;

import org.springframework.http.HttpStatus;

/** 413: a file, the request, or the number of files or fields is over its limit. */
public class UploadTooLargeException extends UploadRejectedException {

    public UploadTooLargeException(String message) {
        super(HttpStatus.PAYLOAD_TOO_LARGE, message);
    }
}
