package io.catalogingest.common.review;

import io.catalogingest.common.envelope.AggregateMessage;

/**
 * A reviewer's decision on a submitted release: an event on {@code catalog.release-reviews.v1}, keyed by the release
 * id, published by internal review services (or the gateway's admin review endpoint) and applied by the
 * approval-worker.
 */
public sealed interface ReviewDecision extends AggregateMessage permits ReleaseApproved, ReleaseRejected {

    String releaseId();

    /** Who decided (a user id or a service name), or null. */
    String reviewerId();

    String feedback();

    @Override
    default String aggregateId() {
        return releaseId();
    }
}
