package io.catalogingest.common.review;

/**
 * Event published by a review service (or the gateway's admin review endpoint) on
 * {@code catalog.release-reviews.v1}, keyed by the release id: a reviewer approved a submitted release. The
 * approval-worker applies it (only to a {@code submitted} release), promotes the release's media to permanent
 * storage and asks for its catalog entries.
 *
 * @param releaseId  the release; equal to the record key and {@code ce_subject}
 * @param reviewerId who approved it (a user id or a service name), or null
 * @param feedback   free text for the release's owner, or null
 */
public record ReleaseApproved(String releaseId, String reviewerId, String feedback) implements ReviewDecision {
}
