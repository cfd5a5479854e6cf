package io.catalogingest.approval.autocreation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The end of an approval, inside the caller's transaction ({@code handle.attach}). */
interface CompletionDao {

    /**
     * Finishes the unfinished approval that asked for {@code productId} as completed; returns the id of its command
     * (each attempt's own), empty when it had finished already or asked for another product (a late answer to an
     * approval reverted since: every approval has a product id of its own).
     */
    @SqlQuery("""
            update release_approval set stage = 'completed', finished_at = now(), lease_owner = null,
                lease_until = null, last_error = null
            where release_id = :releaseId and tenant_id = :tenantId and stage in ('promoting', 'creating')
              and product_id = :productId
            returning command_id""")
    Optional<UUID> finishCompleted(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId,
                                   @Bind("productId") String productId);

    /** The command id of the release's approval completed with {@code productId}, to announce it again. */
    @SqlQuery("""
            select command_id from release_approval
            where release_id = :releaseId and tenant_id = :tenantId and stage = 'completed'
              and product_id = :productId""")
    Optional<UUID> completedCommand(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId,
                                    @Bind("productId") String productId);

    /** Completes the approved release with its product; returns when, or empty when it is not approved. */
    @SqlQuery("""
            update release set status = 'completed', created_product_id = :productId,
                auto_creation_status = 'success', auto_creation_error = null, completed_at = now(),
                updated_at = now()
            where tenant_id = :tenantId and id = :releaseId and status = 'approved'
            returning completed_at""")
    Optional<Instant> complete(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId,
                               @Bind("productId") String productId);

    /** When the release was completed, if it is. */
    @SqlQuery("select completed_at from release where tenant_id = :tenantId and id = :releaseId and status = 'completed'")
    Optional<Instant> completedAt(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId);

    /**
     * Finishes an unfinished approval as failed, with the reason; returns the id of its command (a retry's is new),
     * empty when it had finished already or, given a {@code productId} (an answer to its command), asked for another
     * product. A driver failing its own approval passes null.
     */
    @SqlQuery("""
            update release_approval set stage = 'failed', finished_at = now(), lease_owner = null,
                lease_until = null, last_error = :reason
            where release_id = :releaseId and tenant_id = :tenantId and stage in ('promoting', 'creating')
              and (cast(:productId as text) is null or product_id = :productId)
            returning command_id""")
    Optional<UUID> finishFailed(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId,
                                @Bind("productId") String productId,
                         @Bind("reason") String reason);

    /** The approved release stays approved, its auto-creation failed with the reason. */
    @SqlUpdate("""
            update release set auto_creation_status = 'failed', auto_creation_error = :reason, updated_at = now()
            where tenant_id = :tenantId and id = :releaseId and status = 'approved'""")
    void autoCreationFailed(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId,
                            @Bind("reason") String reason);
}
