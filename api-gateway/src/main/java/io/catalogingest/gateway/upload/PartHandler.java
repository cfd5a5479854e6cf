package io.catalogingest.gateway.upload;

import java.io.IOException;
import java.io.InputStream;

/** Receives each file part of a request, one at a time, while the request is being read. */
@FunctionalInterface
public interface PartHandler {

    /**
     * Consumes one file part. The stream is valid only during this call and ends at the part's end; reading past
     * the file size limit throws {@link UploadTooLargeException}, a truncated body {@link UploadRejectedException}.
     * What is left unread is skipped.
     */
    void onFile(PartInfo part, InputStream body) throws IOException;
}
