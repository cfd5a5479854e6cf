package io.catalogingest.common.catalog;

/** An asset (track) of a product and its track number. */
public record AssetRef(String asset, Integer number) {
}
