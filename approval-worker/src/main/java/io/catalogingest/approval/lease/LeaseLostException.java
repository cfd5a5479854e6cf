package io.catalogingest.approval.lease;

/** A driver's lease on a release was taken over (it ran out while the driver was paused or slow): stop, write nothing. */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(DriverLease lease) {
        super("the lease of release " + lease.releaseId() + " held by " + lease.owner() + " at epoch " + lease.epoch()
                + " was taken over by another driver");
    }
}
