package io.catalogingest.approval.promotion;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST HOOK ({@code catalog.promotion.fail-deletes}, 0 in production): makes the first n deletions of temporary
 * objects fail after their permanent copy was verified, i.e. a crash between copy and delete.
 */
final class PromotionFaults {

    private final AtomicInteger deletesToFail;

    PromotionFaults(int deletesToFail) {
        this.deletesToFail = new AtomicInteger(deletesToFail);
    }

    void beforeDelete(String key) {
        if (deletesToFail.get() > 0 && deletesToFail.getAndDecrement() > 0) {
            throw new IllegalStateException("injected failure before deleting temporary object " + key
                    + " (catalog.promotion.fail-deletes)");
        }
    }
}
