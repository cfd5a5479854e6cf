package io.catalogingest.approval.progress;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.approval.lease.LeaseLostException;

/**
 * {@code release_approval}: the stage of each approved release and who is driving it (a lease: owner, expiry, and an
 * epoch raised by every take-over). A driver's writes name its lease and change nothing once it was taken over: they
 * throw {@link LeaseLostException}. Used on demand ({@code jdbi.onDemand}): each method is its own transaction.
 */
@RegisterConstructorMapper(ApprovalDao.Approval.class)
interface ApprovalDao extends SqlObject {

    /** An approved release being driven, by the lease of {@code leaseOwner} at {@code leaseEpoch}. */
    record Approval(UUID releaseId, String tenantId, UUID requestId, String productId, UUID commandId,
                    ApprovalStage stage, int attempts, String leaseOwner, long leaseEpoch) {

        DriverLease lease() {
            return new DriverLease(releaseId, leaseOwner, leaseEpoch);
        }
    }

    /** Unfinished approvals nobody holds (never leased, released, or whose holder stopped), oldest first. */
    @SqlQuery("""
            select release_id from release_approval
            where stage in ('promoting', 'creating') and (lease_until is null or lease_until < now())
            order by approved_at limit :limit""")
    List<UUID> due(@Bind("limit") int limit);

    /** Takes the release for {@code owner} for {@code seconds} if it is unfinished and nobody holds it. */
    @SqlQuery("""
            update release_approval
            set lease_owner = :owner, lease_epoch = lease_epoch + 1,
                lease_until = now() + make_interval(secs => :seconds)
            where release_id = :releaseId and stage in ('promoting', 'creating')
              and (lease_until is null or lease_until < now())
            returning release_id, tenant_id, request_id, product_id, command_id, stage, attempts, lease_owner,
                lease_epoch""")
    Optional<Approval> take(@Bind("releaseId") UUID releaseId, @Bind("owner") String owner,
                            @Bind("seconds") double seconds);

    @SqlUpdate("""
            update release_approval set lease_until = now() + make_interval(secs => :seconds)
            where release_id = :releaseId and lease_owner = :owner and lease_epoch = :epoch""")
    int extend(@Bind("releaseId") UUID releaseId, @Bind("owner") String owner, @Bind("epoch") long epoch,
               @Bind("seconds") double seconds);

    @SqlUpdate("""
            update release_approval set stage = 'creating', promoted_at = now(), attempts = 0, last_error = null
            where release_id = :releaseId and stage = 'promoting'""")
    void markPromoted(@Bind("releaseId") UUID releaseId);

    @SqlUpdate("""
            update release_approval set command_sent_at = now(), lease_owner = null,
                lease_until = now() + make_interval(secs => :seconds)
            where release_id = :releaseId and lease_owner = :owner and lease_epoch = :epoch""")
    int markCommandSent(@Bind("releaseId") UUID releaseId, @Bind("owner") String owner, @Bind("epoch") long epoch,
                        @Bind("seconds") double seconds);

    @SqlUpdate("""
            update release_approval set attempts = attempts + 1, last_error = :error, lease_owner = null,
                lease_until = now() + make_interval(secs => :seconds)
            where release_id = :releaseId and lease_owner = :owner and lease_epoch = :epoch""")
    int release(@Bind("releaseId") UUID releaseId, @Bind("owner") String owner, @Bind("epoch") long epoch,
                @Bind("seconds") double seconds, @Bind("error") String error);

    /** Takes the release for {@code owner} if it is unfinished and nobody holds it. */
    default Optional<Approval> lease(UUID releaseId, String owner, Duration lease) {
        return take(releaseId, owner, seconds(lease));
    }

    /** Extends the lease; throws {@link LeaseLostException} if it was taken over. */
    default void renew(DriverLease lease, Duration duration) {
        fenced(lease, extend(lease.releaseId(), lease.owner(), lease.epoch(), seconds(duration)));
    }

    /** Throws {@link LeaseLostException} if the lease was taken over (before a step that is not a row write). */
    @Transaction
    default void requireHeld(DriverLease lease) {
        lease.hold(getHandle());
    }

    /** Every file is permanent: on to auto-creation. */
    @Transaction
    default void promoted(DriverLease lease) {
        lease.hold(getHandle());
        markPromoted(lease.releaseId());
    }

    /** The command is sent; look again (and send it again) if no answer came within {@code resendAfter}. */
    default void commandSent(DriverLease lease, Duration resendAfter) {
        fenced(lease, markCommandSent(lease.releaseId(), lease.owner(), lease.epoch(), seconds(resendAfter)));
    }

    /** A transient failure: let go, and let anyone try again after {@code delay}. */
    default void retryLater(DriverLease lease, Duration delay, String error) {
        fenced(lease, release(lease.releaseId(), lease.owner(), lease.epoch(), seconds(delay),
                error == null || error.length() <= 2000 ? error : error.substring(0, 2000)));
    }

    private static void fenced(DriverLease lease, int updated) {
        if (updated == 0) {
            throw new LeaseLostException(lease);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
