package io.catalogingest.common.catalog;

/**
 * Command: delete a product (Royalti's {@code DELETE /product/{id}}). The delete is soft: the row stays with its
 * {@code deleted_at}, so its id and its UPC stay spent (a GS1 number is never reused).
 */
public record DeleteProduct(String productId) implements CatalogCommand {

    @Override
    public String aggregateId() {
        return productId;
    }
}
