package io.catalogingest.common.catalog;

import java.util.List;

/** Command: replace every track of a product with {@code assets} (Royalti's {@code PUT /product/{id}/assets}). */
public record ReplaceProductAssets(String productId, List<AssetRef> assets) implements CatalogCommand {

    public ReplaceProductAssets {
        assets = assets == null ? List.of() : List.copyOf(assets);
    }

    @Override
    public String aggregateId() {
        return productId;
    }
}
