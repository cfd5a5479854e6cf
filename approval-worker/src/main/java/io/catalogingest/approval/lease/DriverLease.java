package io.catalogingest.approval.lease;

import java.util.UUID;

import org.jdbi.v3.core.Handle;

/**
 * The lease under which one approval driver drives one release: its owner and the epoch the lease was taken at
 * ({@code release_approval.lease_epoch}, raised by every take-over). Every write a driver makes for the release is
 * fenced by it: made in a transaction that first {@link #hold holds} the approval row as this lease, so a driver that
 * was paused or slow past its lease, and was replaced, can no longer change anything.
 */
public record DriverLease(UUID releaseId, String owner, long epoch) {

    /**
     * Locks the release's approval row for the rest of the transaction if this lease still holds it (a take-over then
     * waits for the transaction); throws {@link LeaseLostException} if another driver has taken the release.
     */
    public void hold(Handle handle) {
        if (handle.attach(LeaseDao.class).lockIfHeld(releaseId, owner, epoch).isEmpty()) {
            throw new LeaseLostException(this);
        }
    }
}
