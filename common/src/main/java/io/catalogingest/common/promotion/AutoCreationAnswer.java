package io.catalogingest.common.promotion;

import io.catalogingest.common.envelope.AggregateMessage;

/**
 * The ingest-worker's answer to {@link CreateProductFromRelease}: an event on {@code catalog.catalog-events.v1},
 * keyed by the product id, that the approval-worker reads to complete the release or record its failure.
 */
public sealed interface AutoCreationAnswer extends AggregateMessage
        permits ProductCreatedFromRelease, ProductFromReleaseFailed {

    String releaseId();

    String productId();

    @Override
    default String aggregateId() {
        return productId();
    }
}
