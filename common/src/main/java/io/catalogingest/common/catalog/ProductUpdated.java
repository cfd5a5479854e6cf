package io.catalogingest.common.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Event: some fields of a product changed (Royalti's {@code PRODUCT_UPDATED}).
 *
 * @param changed   the names of the fields the command gave, as in Royalti's form (e.g. {@code title}, {@code assets})
 * @param upc       the product's UPC afterwards
 * @param format    the product's format afterwards (null: no tracks)
 * @param requestId the HTTP request that asked for it (null when none did)
 */
public record ProductUpdated(String productId, List<String> changed, String upc, String format, UUID requestId) {

    public ProductUpdated {
        changed = changed == null ? List.of() : List.copyOf(changed);
    }
}
