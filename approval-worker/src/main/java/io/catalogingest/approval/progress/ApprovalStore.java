package io.catalogingest.approval.progress;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.approval.lease.LeaseLostException;

/**
 * {@code release_approval}: the stage of each approved release and who is driving it (a lease: owner, expiry, and an
 * epoch raised by every take-over). A driver's writes name its lease and change nothing once it was taken over.
 */
final class ApprovalStore {

    private final Jdbi jdbi;

    ApprovalStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** An approved release being driven. */
    record Approval(UUID releaseId, String tenantId, UUID requestId, String productId, UUID commandId, String stage,
                    int attempts, DriverLease lease) {
    }

    /** Unfinished approvals nobody holds (never leased, released, or whose holder stopped), oldest first. */
    List<UUID> due(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select release_id from release_approval
                        where stage in ('promoting', 'creating') and (lease_until is null or lease_until < now())
                        order by approved_at limit :limit""")
                .bind("limit", limit).mapTo(UUID.class).list());
    }

    /** Takes the release for {@code owner} if it is unfinished and nobody holds it. */
    Optional<Approval> lease(UUID releaseId, String owner, Duration lease) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        update release_approval
                        set lease_owner = :owner, lease_epoch = lease_epoch + 1,
                            lease_until = now() + make_interval(secs => :seconds)
                        where release_id = :releaseId and stage in ('promoting', 'creating')
                          and (lease_until is null or lease_until < now())
                        returning release_id, tenant_id, request_id, product_id, command_id, stage, attempts,
                            lease_epoch""")
                .bind("owner", owner).bind("seconds", lease.toMillis() / 1000.0).bind("releaseId", releaseId)
                .map((rs, ctx) -> new Approval(rs.getObject("release_id", UUID.class), rs.getString("tenant_id"),
                        rs.getObject("request_id", UUID.class), rs.getString("product_id"),
                        rs.getObject("command_id", UUID.class), rs.getString("stage"), rs.getInt("attempts"),
                        new DriverLease(rs.getObject("release_id", UUID.class), owner, rs.getLong("lease_epoch"))))
                .findOne());
    }

    /** Extends the lease; throws {@link LeaseLostException} if it was taken over. */
    void renew(DriverLease lease, Duration duration) {
        fenced(lease, """
                update release_approval set lease_until = now() + make_interval(secs => :seconds)
                where release_id = :releaseId and lease_owner = :owner and lease_epoch = :epoch""",
                duration, null);
    }

    /** Throws {@link LeaseLostException} if the lease was taken over (before a step that is not a row write). */
    void requireHeld(DriverLease lease) {
        jdbi.useTransaction(lease::hold);
    }

    /** Every file is permanent: on to auto-creation. */
    void promoted(DriverLease lease) {
        jdbi.useTransaction(handle -> {
            lease.hold(handle);
            handle.createUpdate("""
                            update release_approval set stage = 'creating', promoted_at = now(), attempts = 0,
                                last_error = null
                            where release_id = :releaseId and stage = 'promoting'""")
                    .bind("releaseId", lease.releaseId()).execute();
        });
    }

    /** The command is sent; look again (and send it again) if no answer came within {@code resendAfter}. */
    void commandSent(DriverLease lease, Duration resendAfter) {
        fenced(lease, """
                update release_approval set command_sent_at = now(), lease_owner = null,
                    lease_until = now() + make_interval(secs => :seconds)
                where release_id = :releaseId and lease_owner = :owner and lease_epoch = :epoch""",
                resendAfter, null);
    }

    /** A transient failure: let go, and let anyone try again after {@code delay}. */
    void retryLater(DriverLease lease, Duration delay, String error) {
        fenced(lease, """
                update release_approval set attempts = attempts + 1, last_error = :error, lease_owner = null,
                    lease_until = now() + make_interval(secs => :seconds)
                where release_id = :releaseId and lease_owner = :owner and lease_epoch = :epoch""",
                delay, error == null || error.length() <= 2000 ? error : error.substring(0, 2000));
    }

    /** One update of the approval row that applies only while {@code lease} holds it. */
    private void fenced(DriverLease lease, String sql, Duration duration, String error) {
        int updated = jdbi.withHandle(handle -> {
            var update = handle.createUpdate(sql).bind("seconds", duration.toMillis() / 1000.0)
                    .bind("releaseId", lease.releaseId()).bind("owner", lease.owner()).bind("epoch", lease.epoch());
            if (sql.contains(":error")) {
                update.bind("error", error);
            }
            return update.execute();
        });
        if (updated == 0) {
            throw new LeaseLostException(lease);
        }
    }
}
