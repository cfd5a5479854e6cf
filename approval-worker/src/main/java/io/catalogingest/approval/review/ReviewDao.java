package io.catalogingest.approval.review;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.release.ReleaseStatus;

/** The reads and writes of a review, inside the caller's transaction ({@code handle.attach}). */
interface ReviewDao {

    /** The release's status, its row locked until the transaction ends; empty when the tenant has no such release. */
    @SqlQuery("select status from release where tenant_id = :tenantId and id = :releaseId for update")
    Optional<ReleaseStatus> lockStatus(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId);

    @SqlUpdate("""
            update release set status = 'approved', reviewed_at = :reviewedAt, reviewed_by = :reviewer,
                feedback = :feedback, auto_creation_status = 'pending', auto_creation_error = null,
                created_product_id = null, completed_at = null, updated_at = now()
            where tenant_id = :tenantId and id = :releaseId""")
    void markApproved(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId,
                      @Bind("reviewer") String reviewer, @Bind("feedback") String feedback,
                      @Bind("reviewedAt") Instant reviewedAt);

    /** The approval to drive, with the ids of the product to create and of the command that will create it. */
    @SqlUpdate("""
            insert into release_approval (release_id, tenant_id, review_id, request_id, product_id, command_id)
            values (:releaseId, :tenantId, :reviewId, :requestId, :productId, :commandId)
            on conflict (release_id) do update set review_id = excluded.review_id,
                request_id = excluded.request_id, product_id = excluded.product_id,
                command_id = excluded.command_id, stage = 'promoting', lease_owner = null,
                lease_until = null, attempts = 0, last_error = null, approved_at = now(),
                promoted_at = null, command_sent_at = null, finished_at = null""")
    void recordApproval(@Bind("releaseId") UUID releaseId, @Bind("tenantId") String tenantId,
                        @Bind("reviewId") UUID reviewId, @Bind("requestId") UUID requestId,
                        @Bind("productId") String productId, @Bind("commandId") UUID commandId);

    /** A promotion per registered file of the release; returns how many. */
    @SqlUpdate("""
            insert into media_promotion (media_id, tenant_id, release_id, object_key)
            select id, tenant_id, release_id, object_key from media
            where tenant_id = :tenantId and release_id = :releaseId and status = 'registered'
            on conflict (media_id) do update set announced_at = null, verified_at = null,
                temp_deleted_at = null, method = null, attempts = 0, last_error = null""")
    int planPromotions(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId);

    @SqlUpdate("""
            update release set status = 'rejected', reviewed_at = :reviewedAt, reviewed_by = :reviewer,
                feedback = :feedback, updated_at = now()
            where tenant_id = :tenantId and id = :releaseId""")
    void markRejected(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId,
                      @Bind("reviewer") String reviewer, @Bind("feedback") String feedback,
                      @Bind("reviewedAt") Instant reviewedAt);

    @SqlQuery("""
            select count(*) from media
            where tenant_id = :tenantId and release_id = :releaseId and status = 'registered'""")
    int registeredMediaCount(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId);

    /**
     * Approves the release and records the work that follows: an approval (with the id of the product to create and
     * of the command that will create it) and a promotion per registered file.
     *
     * @return the number of files to promote
     */
    default int approve(String tenantId, UUID releaseId, String reviewer, String feedback, Instant reviewedAt,
                        UUID reviewId, UUID requestId) {
        markApproved(tenantId, releaseId, reviewer, feedback, reviewedAt);
        recordApproval(releaseId, tenantId, reviewId, requestId, UUID.randomUUID().toString(), UUID.randomUUID());
        return planPromotions(tenantId, releaseId);
    }

    /**
     * Rejects the release; its files stay where they are.
     *
     * @return the number of its files (they stay in temporary storage)
     */
    default int reject(String tenantId, UUID releaseId, String reviewer, String feedback, Instant reviewedAt) {
        markRejected(tenantId, releaseId, reviewer, feedback, reviewedAt);
        return registeredMediaCount(tenantId, releaseId);
    }
}
