package io.catalogingest.common.promotion;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;

/**
 * Message types of what follows an approval — media promotion, release completion and product auto-creation — with
 * their wire ids.
 */
public final class PromotionMessages {

    // events of the approval-worker on catalog.release-events.v1, keyed by release id
    public static final MessageType<MediaPromoted> MEDIA_PROMOTED =
            MessageType.of("catalog.media.promoted.v1", MediaPromoted.class);
    public static final MessageType<ReleaseCompleted> RELEASE_COMPLETED =
            MessageType.of("catalog.release.completed.v1", ReleaseCompleted.class);
    public static final MessageType<AutoCreationFailed> AUTO_CREATION_FAILED =
            MessageType.of("catalog.release.auto-creation-failed.v1", AutoCreationFailed.class);

    // auto-creation: command on catalog.catalog-commands.v1 and its outcomes on catalog.catalog-events.v1,
    // keyed by the product id
    public static final MessageType<CreateProductFromRelease> CREATE_PRODUCT_FROM_RELEASE =
            MessageType.of("catalog.product.create-from-release.v1", CreateProductFromRelease.class);
    public static final MessageType<ProductCreatedFromRelease> PRODUCT_CREATED_FROM_RELEASE =
            MessageType.of("catalog.product.created-from-release.v1", ProductCreatedFromRelease.class);
    public static final MessageType<ProductFromReleaseFailed> PRODUCT_FROM_RELEASE_FAILED =
            MessageType.of("catalog.product.from-release-failed.v1", ProductFromReleaseFailed.class);

    private PromotionMessages() {
    }

    /** Every promotion message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of(MEDIA_PROMOTED, RELEASE_COMPLETED, AUTO_CREATION_FAILED,
            CREATE_PRODUCT_FROM_RELEASE, PRODUCT_CREATED_FROM_RELEASE, PRODUCT_FROM_RELEASE_FAILED);
}
