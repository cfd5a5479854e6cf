package io.catalogingest.common.catalog;

import java.util.UUID;

/**
 * Event: a product was created; the full product is read from the catalog by its id.
 *
 * @param format    {@code Single}, {@code EP}, {@code Album}, or null while the product has no tracks
 * @param requestId the HTTP request that asked for it (null when none did)
 */
public record ProductCreated(String productId, String upc, String format, UUID requestId) {
}
