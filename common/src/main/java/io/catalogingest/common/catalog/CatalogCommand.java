package io.catalogingest.common.catalog;

import io.catalogingest.common.envelope.AggregateMessage;

/**
 * A command about one catalog entity on {@code catalog.catalog-commands.v1}, keyed by that entity's id. The topic also
 * carries the workspace's commands ({@code common.workspace.WorkspaceCommand}, keyed by the tenant) and the
 * auto-creation command of an approved release ({@code common.promotion.CreateProductFromRelease}).
 */
public sealed interface CatalogCommand extends AggregateMessage
        permits CreateProduct, ReplaceProductAssets, CreateArtist, CreateAsset, UpdateProduct, DeleteProduct {
}
