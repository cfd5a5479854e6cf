package io.catalogingest.gateway.review;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** Reads the review state of a release (read only, scoped by tenant; {@link ReviewDao}). */
@Component
class ReviewReader {

    private final ReviewDao releases;

    ReviewReader(Jdbi jdbi) {
        this.releases = jdbi.onDemand(ReviewDao.class);
    }

    /** A release as a review leaves it. */
    public record ReviewedRelease(String id, String title, String status, String feedback, String reviewedById,
                                  Instant reviewedAt, String autoCreationStatus, String autoCreationError,
                                  String createdProductId, Instant completedAt) {
    }

    Optional<ReviewedRelease> find(String tenantId, UUID releaseId) {
        return releases.find(tenantId, releaseId);
    }
}
