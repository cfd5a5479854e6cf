package io.catalogingest.common.release;

import java.util.List;

/**
 * Event: an external media link is registered as media of its release (row status {@code registered}, nothing
 * fetched yet). The URL is not part of the event (links may carry signed query strings); {@code GET
 * /releases/{id}/media} shows it to the workspace.
 *
 * @param type         the type the client declared, or null
 * @param replacedKeys keys of earlier files of the same track that this link replaced (their rows and objects are
 *                     gone)
 */
public record MediaLinkRegistered(
        String mediaId,
        String releaseId,
        String trackId,
        String objectKey,
        String name,
        MediaKind type,
        List<String> replacedKeys) {

    public MediaLinkRegistered {
        replacedKeys = replacedKeys == null ? List.of() : List.copyOf(replacedKeys);
    }
}
