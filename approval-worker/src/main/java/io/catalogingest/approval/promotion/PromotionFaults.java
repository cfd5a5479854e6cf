package io.catalogingest.approval.promotion;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * TEST HOOKS, off in production ({@code catalog.promotion.fail-deletes} and {@code catalog.promotion.hold-after-copy}
 * are 0):
 * <ul>
 *   <li>the first n deletions of temporary objects fail after their permanent copy was verified, i.e. a crash
 *       between copy and delete;</li>
 *   <li>the first n copies, once made, wait until {@link #resume()} before they are verified and recorded, i.e. a
 *       driver paused in the middle of a promotion (its lease runs out meanwhile).</li>
 * </ul>
 */
@Component
public final class PromotionFaults {

    private final AtomicInteger deletesToFail;
    private final AtomicInteger copiesToHold;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch resumed = new CountDownLatch(1);

    PromotionFaults(PromotionProperties properties) {
        this.deletesToFail = new AtomicInteger(properties.failDeletes());
        this.copiesToHold = new AtomicInteger(properties.holdAfterCopy());
    }

    void beforeDelete(String key) {
        if (deletesToFail.get() > 0 && deletesToFail.getAndDecrement() > 0) {
            throw new IllegalStateException("injected failure before deleting temporary object " + key
                    + " (catalog.promotion.fail-deletes)");
        }
    }

    void afterCopy(String key) {
        if (copiesToHold.get() > 0 && copiesToHold.getAndDecrement() > 0) {
            held.countDown();
            try {
                resumed.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held after copying " + key, e);
            }
        }
    }

    /** Waits until a copy is held by {@code hold-after-copy}; true if one is. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets every held copy (and any later one) go on. */
    public void resume() {
        copiesToHold.set(0);
        resumed.countDown();
    }
}
