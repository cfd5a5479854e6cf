package io.catalogingest.common.catalog;

import java.util.UUID;

/** Event: an asset was created; {@code requestId} is the HTTP request that asked for it (null when none did). */
public record AssetCreated(String assetId, String isrc, UUID requestId) {
}
