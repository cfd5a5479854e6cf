package io.catalogingest.support.persistence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.catalogingest.support.messaging.PublishFailedException;

/**
 * Events of a committed transaction, sent to the broker and not yet acknowledged. Their outbox rows are deleted once
 * the broker acknowledged them all; until then (or if it never does) the rows stay, and the relay publishes them.
 * Whoever applies commands awaits the delivery before it acknowledges the records that caused them, so the events of
 * one aggregate keep their order on the live path.
 */
public final class Delivery {

    static final Delivery NONE = new Delivery(List.of(), Duration.ZERO);

    private final List<CompletableFuture<?>> sends;
    private final Duration timeout;

    Delivery(List<CompletableFuture<?>> sends, Duration timeout) {
        this.sends = List.copyOf(sends);
        this.timeout = timeout;
    }

    /** How many events were sent. */
    public int size() {
        return sends.size();
    }

    /**
     * Waits until the broker acknowledged every event.
     *
     * @throws PublishFailedException when it did not in time (the events stay in the outbox)
     */
    public void await() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (CompletableFuture<?> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing " + sends.size() + " events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + sends.size()
                    + " events in time; they stay in the outbox", e);
        }
    }
}
