package io.catalogingest.common.release;

/**
 * Event: the failed auto-creation of an approved release is being tried again ({@code autoCreationStatus=pending});
 * its completion or a new failure follows.
 *
 * @param stage where the approval starts again: {@code promoting} (some media are not promoted yet) or
 *              {@code creating}
 */
public record AutoCreationRetried(String releaseId, String stage) {
}
