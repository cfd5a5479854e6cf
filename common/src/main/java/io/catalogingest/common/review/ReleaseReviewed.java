package io.catalogingest.common.review;

import java.time.Instant;

import io.catalogingest.common.release.ReleaseStatus;

/**
 * Event on {@code catalog.release-events.v1}: the approval-worker applied a review. The outcome of a
 * {@link ReleaseApproved} or {@link ReleaseRejected} (a refused review is a
 * {@link io.catalogingest.common.release.CommandRejected} instead).
 *
 * @param status     {@code approved} (promotion and auto-creation follow) or {@code rejected}
 * @param mediaCount files that will be promoted (approved) or that stay in temporary storage (rejected)
 */
public record ReleaseReviewed(String releaseId, ReleaseStatus status, String reviewerId, String feedback,
                              Instant reviewedAt, int mediaCount) {
}
