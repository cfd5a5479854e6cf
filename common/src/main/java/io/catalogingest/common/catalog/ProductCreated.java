package io.catalogingest.common.catalog;

/** Event: a product was created; the full product is read from the catalog by its id. */
public record ProductCreated(String productId, String upc, String format) {
}
