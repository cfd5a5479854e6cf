package io.catalogingest.common.promotion;

import java.time.Instant;

/**
 * Event on {@code catalog.release-events.v1}: an approved release's media are permanent and its product and
 * assets exist; the release is {@code completed} with {@code autoCreationStatus=success}.
 */
public record ReleaseCompleted(String releaseId, String createdProductId, String upc, String format,
                               Instant completedAt) {
}
