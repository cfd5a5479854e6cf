package io.catalogingest.common.review;

/**
 * Event published by a review service (or the gateway's admin review endpoint) on
 * {@code catalog.release-reviews.v1}, keyed by the release id: a reviewer rejected a submitted release. The
 * approval-worker sets it {@code rejected} with the feedback; its files stay in temporary storage and it can be
 * edited and submitted again.
 *
 * @param releaseId  the release; equal to the record key and {@code ce_subject}
 * @param reviewerId who rejected it (a user id or a service name), or null
 * @param feedback   why, for the release's owner; required
 */
public record ReleaseRejected(String releaseId, String reviewerId, String feedback) implements ReviewDecision {
}
