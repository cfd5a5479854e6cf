package io.catalogingest.common.review;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;

/**
 * Message types of release reviews, with their wire ids. The review events are a
 * public contract: their JSON Schemas are in {@code schemas/} of this module's resources (see
 * docs/review-events.md).
 */
public final class ReviewMessages {

    // events from review services on catalog.release-reviews.v1, keyed by release id
    public static final MessageType<ReleaseApproved> RELEASE_APPROVED =
            MessageType.of("catalog.release.approved.v1", ReleaseApproved.class);
    public static final MessageType<ReleaseRejected> RELEASE_REJECTED =
            MessageType.of("catalog.release.rejected.v1", ReleaseRejected.class);

    // the approval-worker's review outcome on catalog.release-events.v1, keyed by release id
    public static final MessageType<ReleaseReviewed> RELEASE_REVIEWED =
            MessageType.of("catalog.release.reviewed.v1", ReleaseReviewed.class);


    private ReviewMessages() {
    }

    /** Every review message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of(RELEASE_APPROVED, RELEASE_REJECTED, RELEASE_REVIEWED);
}
