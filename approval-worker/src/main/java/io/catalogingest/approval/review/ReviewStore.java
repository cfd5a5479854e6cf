package io.catalogingest.approval.review;

import java.time.Instant;
import java.util.UUID;

import org.jdbi.v3.core.Handle;

/** The writes of a review, inside the caller's transaction (the release row is locked by then). */
final class ReviewStore {

    private ReviewStore() {
    }

    /**
     * Approves the release and records the work that follows: an approval (with the id of the product to create and
     * of the command that will create it) and a promotion per registered file.
     *
     * @return the number of files to promote
     */
    static int approve(Handle handle, String tenantId, UUID releaseId, String reviewer, String feedback,
                       Instant reviewedAt, UUID reviewId, UUID requestId) {
        handle.createUpdate("""
                        update release set status = 'approved', reviewed_at = :reviewedAt, reviewed_by = :reviewer,
                            feedback = :feedback, auto_creation_status = 'pending', auto_creation_error = null,
                            created_product_id = null, completed_at = null, updated_at = now()
                        where tenant_id = :tenantId and id = :releaseId""")
                .bind("reviewedAt", reviewedAt).bind("reviewer", reviewer).bind("feedback", feedback)
                .bind("tenantId", tenantId).bind("releaseId", releaseId).execute();
        handle.createUpdate("""
                        insert into release_approval (release_id, tenant_id, review_id, request_id, product_id,
                            command_id)
                        values (:releaseId, :tenantId, :reviewId, :requestId, :productId, :commandId)
                        on conflict (release_id) do update set review_id = excluded.review_id,
                            request_id = excluded.request_id, product_id = excluded.product_id,
                            command_id = excluded.command_id, stage = 'promoting', lease_owner = null,
                            lease_until = null, attempts = 0, last_error = null, approved_at = now(),
                            promoted_at = null, command_sent_at = null, finished_at = null""")
                .bind("releaseId", releaseId).bind("tenantId", tenantId).bind("reviewId", reviewId)
                .bind("requestId", requestId).bind("productId", UUID.randomUUID().toString())
                .bind("commandId", UUID.randomUUID()).execute();
        return handle.createUpdate("""
                        insert into media_promotion (media_id, tenant_id, release_id, object_key)
                        select id, tenant_id, release_id, object_key from media
                        where tenant_id = :tenantId and release_id = :releaseId and status = 'registered'
                        on conflict (media_id) do update set announced_at = null, verified_at = null,
                            temp_deleted_at = null, method = null, attempts = 0, last_error = null""")
                .bind("tenantId", tenantId).bind("releaseId", releaseId).execute();
    }

    /**
     * Rejects the release; its files stay where they are.
     *
     * @return the number of its files (they stay in temporary storage)
     */
    static int reject(Handle handle, String tenantId, UUID releaseId, String reviewer, String feedback,
                      Instant reviewedAt) {
        handle.createUpdate("""
                        update release set status = 'rejected', reviewed_at = :reviewedAt, reviewed_by = :reviewer,
                            feedback = :feedback, updated_at = now()
                        where tenant_id = :tenantId and id = :releaseId""")
                .bind("reviewedAt", reviewedAt).bind("reviewer", reviewer).bind("feedback", feedback)
                .bind("tenantId", tenantId).bind("releaseId", releaseId).execute();
        return handle.createQuery("""
                        select count(*) from media
                        where tenant_id = :tenantId and release_id = :releaseId and status = 'registered'""")
                .bind("tenantId", tenantId).bind("releaseId", releaseId).mapTo(Integer.class).one();
    }
}
