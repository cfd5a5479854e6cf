package io.catalogingest.common.catalog;

import java.util.UUID;

/** Event: an artist was created; {@code requestId} is the HTTP request that asked for it (null when none did). */
public record ArtistCreated(String artistId, String name, UUID requestId) {
}
