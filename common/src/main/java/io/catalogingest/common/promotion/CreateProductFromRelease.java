package io.catalogingest.common.promotion;

import io.catalogingest.common.envelope.AggregateMessage;

/**
 * Command on {@code catalog.catalog-commands.v1}, keyed by the product id: create the catalog entries of an approved
 * release whose media are promoted — an asset per track (or the track's linked asset), a product with the tracks,
 * the release files as product media and the track files as asset media — in one transaction. Answered by
 * {@link ProductCreatedFromRelease} or {@link ProductFromReleaseFailed} on {@code catalog.catalog-events.v1}.
 *
 * <p>The approval-worker decides {@code productId} and the command's {@code ce_id} once, when it applies the
 * approval, and sends the same ones again if it has to resend, so the command is applied once.
 *
 * @param productId the id the new product gets
 */
public record CreateProductFromRelease(String releaseId, String productId) implements AggregateMessage {

    @Override
    public String aggregateId() {
        return productId;
    }
}
