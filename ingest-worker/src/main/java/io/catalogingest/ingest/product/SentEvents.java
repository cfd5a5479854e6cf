package io.catalogingest.ingest.product;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.catalogingest.support.messaging.PublishFailedException;

/**
 * Events sent after their transaction committed, not yet acknowledged by the broker. Whoever holds them awaits them
 * before the records that caused them are acknowledged, so an event is never lost: if the broker does not take it,
 * the records are redelivered and the ledger announces their recorded outcomes again.
 */
public final class SentEvents {

    private final List<CompletableFuture<?>> sends;
    private final Duration timeout;

    SentEvents(List<CompletableFuture<?>> sends, Duration timeout) {
        this.sends = List.copyOf(sends);
        this.timeout = timeout;
    }

    /**
     * Waits until the broker acknowledged every event.
     *
     * @throws PublishFailedException when it did not in time
     */
    public void await() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (CompletableFuture<?> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing product events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + sends.size() + " product events", e);
        }
    }
}
