package io.catalogingest.common.catalog;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;

/** Message types of the catalog (products, artists, assets), with their wire ids. */
public final class CatalogMessages {

    public static final MessageType<CreateProduct> CREATE_PRODUCT =
            MessageType.of("catalog.product.create.v1", CreateProduct.class);
    public static final MessageType<ProductCreated> PRODUCT_CREATED =
            MessageType.of("catalog.product.created.v1", ProductCreated.class);
    public static final MessageType<ProductRejected> PRODUCT_REJECTED =
            MessageType.of("catalog.product.rejected.v1", ProductRejected.class);
    public static final MessageType<ReplaceProductAssets> REPLACE_PRODUCT_ASSETS =
            MessageType.of("catalog.product.assets.replace.v1", ReplaceProductAssets.class);
    public static final MessageType<ProductAssetsReplaced> PRODUCT_ASSETS_REPLACED =
            MessageType.of("catalog.product.assets.replaced.v1", ProductAssetsReplaced.class);
    public static final MessageType<CreateArtist> CREATE_ARTIST =
            MessageType.of("catalog.artist.create.v1", CreateArtist.class);
    public static final MessageType<ArtistCreated> ARTIST_CREATED =
            MessageType.of("catalog.artist.created.v1", ArtistCreated.class);
    public static final MessageType<ArtistRejected> ARTIST_REJECTED =
            MessageType.of("catalog.artist.rejected.v1", ArtistRejected.class);
    public static final MessageType<CreateAsset> CREATE_ASSET =
            MessageType.of("catalog.asset.create.v1", CreateAsset.class);
    public static final MessageType<AssetCreated> ASSET_CREATED =
            MessageType.of("catalog.asset.created.v1", AssetCreated.class);
    public static final MessageType<AssetRejected> ASSET_REJECTED =
            MessageType.of("catalog.asset.rejected.v1", AssetRejected.class);
    public static final MessageType<UpdateProduct> UPDATE_PRODUCT =
            MessageType.of("catalog.product.update.v1", UpdateProduct.class);
    public static final MessageType<ProductUpdated> PRODUCT_UPDATED =
            MessageType.of("catalog.product.updated.v1", ProductUpdated.class);
    public static final MessageType<DeleteProduct> DELETE_PRODUCT =
            MessageType.of("catalog.product.delete.v1", DeleteProduct.class);
    public static final MessageType<ProductDeleted> PRODUCT_DELETED =
            MessageType.of("catalog.product.deleted.v1", ProductDeleted.class);

    private CatalogMessages() {
    }

    /** Every catalog message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of(CREATE_PRODUCT, PRODUCT_CREATED, PRODUCT_REJECTED,
            REPLACE_PRODUCT_ASSETS, PRODUCT_ASSETS_REPLACED, CREATE_ARTIST, ARTIST_CREATED, ARTIST_REJECTED,
            CREATE_ASSET, ASSET_CREATED, ASSET_REJECTED,
            UPDATE_PRODUCT, PRODUCT_UPDATED, DELETE_PRODUCT, PRODUCT_DELETED);
}
