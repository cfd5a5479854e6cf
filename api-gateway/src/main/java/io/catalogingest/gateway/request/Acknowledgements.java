package io.catalogingest.gateway.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Records that the broker acknowledged the command of a single request ({@code publication = 'sent'}) off the request
 * thread, and only when it still tells anyone something (docs/adr/0027). A request whose outcome event arrives within
 * {@code grace} of the acknowledgement needs no record: its outcome is there, and every reader of {@code publication}
 * looks at the outcome first (a keyed retry, the re-sender, housekeeping). The others are recorded together, one
 * statement for all that are due, every {@code interval}.
 *
 * <p>Until then the row says {@code pending}, as it did between the insert and the acknowledgement before: a keyed
 * retry on any replica is told "still being accepted" (409) or, when synchronous, waits for the outcome; nothing is
 * sent twice or refused with 503. A gateway that dies before recording leaves {@code pending} rows as one that died
 * before the old update did; their outcomes arrive (the commands are in the log), after which housekeeping prunes them.
 */
@Component
class Acknowledgements implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Acknowledgements.class);
    private static final int MAX_PER_STATEMENT = 1000;

    private final RequestStore requests;
    private final Duration grace;
    private final Duration interval;
    /** Acknowledged requests not recorded yet, with the {@link System#nanoTime} of their acknowledgement. */
    private final Map<UUID, Long> unrecorded = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService schedule;

    Acknowledgements(RequestStore requests,
                     @Value("${catalog.gateway.acknowledgements.grace:1s}") Duration grace,
                     @Value("${catalog.gateway.acknowledgements.interval:250ms}") Duration interval) {
        this.requests = requests;
        this.grace = grace;
        this.interval = interval;
    }

    /** The broker acknowledged the request's command: record it after the grace unless its outcome comes first. */
    void acknowledged(UUID requestId) {
        if (schedule == null) {
            record(List.of(requestId)); // stopped (or not started): nobody would record it later
            return;
        }
        unrecorded.put(requestId, System.nanoTime());
    }

    /** The request has an outcome (its event arrived, or it was read): nothing to record. */
    void answered(UUID requestId) {
        unrecorded.remove(requestId);
    }

    /** Records the acknowledgement at once if it is not recorded yet (a request answered 202: a retry will ask). */
    void recordNow(UUID requestId) {
        if (unrecorded.remove(requestId) != null) {
            record(List.of(requestId));
        }
    }

    /** Whether the acknowledgement of the request is waiting to be recorded (tests). */
    boolean isUnrecorded(UUID requestId) {
        return unrecorded.containsKey(requestId);
    }

    /** Records every acknowledgement older than the grace (all of them with a zero grace). */
    void recordDue(Duration after) {
        long now = System.nanoTime();
        List<UUID> due = new ArrayList<>();
        unrecorded.forEach((id, acknowledgedAt) -> {
            if (now - acknowledgedAt >= after.toNanos() && unrecorded.remove(id, acknowledgedAt)) {
                due.add(id);
            }
        });
        for (int from = 0; from < due.size(); from += MAX_PER_STATEMENT) {
            record(due.subList(from, Math.min(due.size(), from + MAX_PER_STATEMENT)));
        }
    }

    /**
     * A failure leaves the rows {@code pending}, as a failed update on the request thread did: a keyed retry waits
     * (409) until they are old, then sends the command again (the worker dedupes on its id).
     */
    private void record(List<UUID> requestIds) {
        try {
            requests.published(requestIds, Publication.SENT);
        } catch (RuntimeException e) {
            log.warn("Could not record the publication of {} requests as sent: {}", requestIds.size(), e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "acknowledgements");
            thread.setDaemon(true);
            return thread;
        });
        long every = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> recordDue(grace), every, every, TimeUnit.MILLISECONDS);
        schedule = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = schedule;
        schedule = null;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        recordDue(Duration.ZERO);
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
