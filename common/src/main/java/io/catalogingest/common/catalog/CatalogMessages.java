package io.catalogingest.common.catalog;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.common.envelope.MessageTypes;

/** Every message type of the pipeline, with its wire id. */
public final class CatalogMessages {

    public static final MessageType<CreateProduct> CREATE_PRODUCT =
            MessageType.of("catalog.product.create.v1", CreateProduct.class);
    public static final MessageType<ProductCreated> PRODUCT_CREATED =
            MessageType.of("catalog.product.created.v1", ProductCreated.class);
    public static final MessageType<ProductRejected> PRODUCT_REJECTED =
            MessageType.of("catalog.product.rejected.v1", ProductRejected.class);

    private CatalogMessages() {
    }

    /** The registry of all types, for codecs. */
    public static MessageTypes registry() {
        return new MessageTypes(List.of(CREATE_PRODUCT, PRODUCT_CREATED, PRODUCT_REJECTED));
    }
}
