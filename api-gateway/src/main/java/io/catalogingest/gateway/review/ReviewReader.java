package io.catalogingest.gateway.review;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** Reads the review state of a release (read only, scoped by tenant). */
@Component
class ReviewReader {

    private final Jdbi jdbi;

    ReviewReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A release as a review leaves it. */
    record ReviewedRelease(String id, String title, String status, String feedback, String reviewedById,
                           Instant reviewedAt, String autoCreationStatus, String autoCreationError,
                           String createdProductId, Instant completedAt) {
    }

    Optional<ReviewedRelease> find(String tenantId, UUID releaseId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select id, title, status, feedback, reviewed_by, reviewed_at, auto_creation_status,
                               auto_creation_error, created_product_id, completed_at
                        from release where tenant_id = :tenantId and id = :id""")
                .bind("tenantId", tenantId).bind("id", releaseId)
                .map((rs, ctx) -> new ReviewedRelease(rs.getString("id"), rs.getString("title"),
                        rs.getString("status"), rs.getString("feedback"), rs.getString("reviewed_by"),
                        instant(rs.getTimestamp("reviewed_at")), rs.getString("auto_creation_status"),
                        rs.getString("auto_creation_error"), rs.getString("created_product_id"),
                        instant(rs.getTimestamp("completed_at"))))
                .findOne());
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
