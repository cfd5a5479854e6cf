package io.catalogingest.approval.promotion;

/**
 * A file that cannot be promoted however often it is tried: its temporary object does not match its media row, or
 * it is missing from both buckets. The release's auto-creation fails with this reason.
 */
public class PromotionFailedException extends RuntimeException {

    public PromotionFailedException(String message) {
        super(message);
    }
}
