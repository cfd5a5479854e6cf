package io.catalogingest.common.release;

import java.util.List;

/**
 * Event: an uploaded file passed inspection and is registered as media of its release (row status
 * {@code registered}, object in the temporary bucket).
 *
 * @param replacedKeys keys of earlier files of the same track that this one replaced (their rows and objects are
 *                     gone)
 */
public record MediaRegistered(
        String mediaId,
        String releaseId,
        String trackId,
        String bucket,
        String objectKey,
        String name,
        MediaKind type,
        String mimeType,
        long size,
        String sha256,
        MediaProperties properties,
        List<String> replacedKeys) {

    public MediaRegistered {
        replacedKeys = replacedKeys == null ? List.of() : List.copyOf(replacedKeys);
    }
}
