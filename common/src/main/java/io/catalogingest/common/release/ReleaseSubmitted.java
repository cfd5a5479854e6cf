package io.catalogingest.common.release;

import java.time.Instant;

/**
 * Event: a release was submitted for review. Every media file acknowledged before the submit is registered by now
 * (same partition); {@code mediaCount} counts them.
 */
public record ReleaseSubmitted(String releaseId, Instant submittedAt, int trackCount, int mediaCount) {
}
