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

    private CatalogMessages() {
    }

    /** Every catalog message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of(CREATE_PRODUCT, PRODUCT_CREATED, PRODUCT_REJECTED);
}
