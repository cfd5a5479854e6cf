package io.catalogingest.common.catalog;

import java.util.UUID;

/**
 * Event: a product was deleted (Royalti's {@code PRODUCT_DELETED}): it is no longer read or listed, and its
 * {@code upc} stays spent — never given to another product.
 *
 * @param requestId the HTTP request that asked for it (null when none did, e.g. a release's revert)
 */
public record ProductDeleted(String productId, String upc, UUID requestId) {
}
