package io.catalogingest.approval.progress;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

/** {@code release_approval}: the stage of each approved release and who is driving it (a lease). */
final class ApprovalStore {

    private final Jdbi jdbi;

    ApprovalStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** An approved release being driven. */
    record Approval(UUID releaseId, String tenantId, UUID requestId, String productId, UUID commandId, String stage,
                    int attempts) {
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
                        set lease_owner = :owner, lease_until = now() + make_interval(secs => :seconds)
                        where release_id = :releaseId and stage in ('promoting', 'creating')
                          and (lease_until is null or lease_until < now())
                        returning release_id, tenant_id, request_id, product_id, command_id, stage, attempts""")
                .bind("owner", owner).bind("seconds", lease.toMillis() / 1000.0).bind("releaseId", releaseId)
                .map((rs, ctx) -> new Approval(rs.getObject("release_id", UUID.class), rs.getString("tenant_id"),
                        rs.getObject("request_id", UUID.class), rs.getString("product_id"),
                        rs.getObject("command_id", UUID.class), rs.getString("stage"), rs.getInt("attempts")))
                .findOne());
    }

    void renew(UUID releaseId, String owner, Duration lease) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update release_approval set lease_until = now() + make_interval(secs => :seconds)
                        where release_id = :releaseId and lease_owner = :owner""")
                .bind("seconds", lease.toMillis() / 1000.0).bind("releaseId", releaseId).bind("owner", owner)
                .execute());
    }

    /** Every file is permanent: on to auto-creation. */
    void promoted(UUID releaseId) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update release_approval set stage = 'creating', promoted_at = now(), attempts = 0,
                            last_error = null
                        where release_id = :releaseId and stage = 'promoting'""")
                .bind("releaseId", releaseId).execute());
    }

    /** The command is sent; look again (and send it again) if no answer came within {@code resendAfter}. */
    void commandSent(UUID releaseId, String owner, Duration resendAfter) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update release_approval set command_sent_at = now(), lease_owner = null,
                            lease_until = now() + make_interval(secs => :seconds)
                        where release_id = :releaseId and lease_owner = :owner""")
                .bind("seconds", resendAfter.toMillis() / 1000.0).bind("releaseId", releaseId)
                .bind("owner", owner).execute());
    }

    /** A transient failure: let go, and let anyone try again after {@code delay}. */
    void retryLater(UUID releaseId, String owner, Duration delay, String error) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update release_approval set attempts = attempts + 1, last_error = :error, lease_owner = null,
                            lease_until = now() + make_interval(secs => :seconds)
                        where release_id = :releaseId and lease_owner = :owner""")
                .bind("error", error == null || error.length() <= 2000 ? error : error.substring(0, 2000))
                .bind("seconds", delay.toMillis() / 1000.0).bind("releaseId", releaseId).bind("owner", owner)
                .execute());
    }

    /** Lets go of a release without changing anything else (e.g. the worker is stopping). */
    void letGo(UUID releaseId, String owner) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update release_approval set lease_owner = null, lease_until = null
                        where release_id = :releaseId and lease_owner = :owner""")
                .bind("releaseId", releaseId).bind("owner", owner).execute());
    }
}
