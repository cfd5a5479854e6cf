package io.catalogingest.common.catalog;

import java.util.UUID;

/** Event: a product's track list was replaced and its format decided again ({@code format} null: no tracks). */
public record ProductAssetsReplaced(String productId, int trackCount, String format, UUID requestId) {
}
