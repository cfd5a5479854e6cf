package io.catalogingest.gateway.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one wait for the outcomes of published commands: {@link #await} for one request, {@link #awaitAll} for several
 * under one deadline (N commands cost one wait, not N). Bounded by {@code catalog.gateway.sync-wait} unless the caller
 * names its own bound; never polls: {@link OutcomeEvents} wakes a request when an event carries its id back.
 *
 * <p>It registers its interest before it looks: an outcome recorded before that is in Postgres (a worker commits the
 * outcome before its event leaves), one recorded after wakes the wait. So it may be called any time after the
 * command was published, and an outcome whose wake-up was missed (another replica, an earlier wait) is still found.
 * A fresh request is expected before its command is published ({@link #expect}): its outcome cannot exist before that,
 * so it is read once, after the wake-up or at the deadline, not also before the wait (docs/adr/0027).
 */
@Component
public class OutcomeWaiter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWaiter.class);

    /** Where the recorded outcomes are read: those of the requests that have one. */
    @FunctionalInterface
    interface Outcomes {
        Map<UUID, RequestOutcome> of(String tenantId, List<UUID> requestIds);
    }

    private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Outcomes outcomes;
    private final Duration syncWait;

    @Autowired
    OutcomeWaiter(RequestStore requests, @Value("${catalog.gateway.sync-wait:10s}") Duration syncWait) {
        this(requests::outcomes, syncWait);
    }

    OutcomeWaiter(Outcomes outcomes, Duration syncWait) {
        this.outcomes = outcomes;
        this.syncWait = syncWait;
    }

    /** The request's outcome, waiting up to the sync wait for it; empty when it has none by then (answer 202). */
    public Optional<RequestOutcome> await(String tenantId, UUID requestId) {
        return Optional.ofNullable(awaitAll(tenantId, List.of(requestId), syncWait).get(requestId));
    }

    /**
     * Registers the interest in the outcome of a request whose command is about to be published, so that no wake-up
     * can be missed and nothing needs to be read before the wait ({@link Expected#await}). Close it (try-with-resources)
     * whether or not it was awaited.
     */
    Expected expect(UUID requestId) {
        return new Expected(requestId, waiting.computeIfAbsent(requestId, key -> new CompletableFuture<>()));
    }

    /** The interest in one request's outcome, registered before its command was published. */
    final class Expected implements AutoCloseable {

        private final UUID requestId;
        private final CompletableFuture<Void> wakeUp;

        private Expected(UUID requestId, CompletableFuture<Void> wakeUp) {
            this.requestId = requestId;
            this.wakeUp = wakeUp;
        }

        /**
         * The outcome, once the request is woken or the sync wait runs out (empty then: answer 202); read once, after
         * the wait: an outcome whose wake-up was missed (this replica's consumer not positioned yet) is still found at
         * the deadline.
         */
        Optional<RequestOutcome> await(String tenantId) {
            if (!sleepUntilWoken(List.of(requestId), Map.of(requestId, wakeUp), syncWait)) {
                log.info("Request {} has no outcome after {}; answering it as pending", requestId, syncWait);
            }
            return Optional.ofNullable(outcomes.of(tenantId, List.of(requestId)).get(requestId));
        }

        @Override
        public void close() {
            waiting.remove(requestId, wakeUp);
        }
    }

    /** The outcomes of the requests, waiting up to the sync wait for those without one; missing ones are pending. */
    public Map<UUID, RequestOutcome> awaitAll(String tenantId, List<UUID> requestIds) {
        return awaitAll(tenantId, requestIds, syncWait);
    }

    /**
     * The outcomes of the requests that have one after waiting, up to {@code wait} in all, for the others
     * ({@link Duration#ZERO}: read without waiting).
     */
    public Map<UUID, RequestOutcome> awaitAll(String tenantId, List<UUID> requestIds, Duration wait) {
        boolean waits = !wait.isNegative() && !wait.isZero();
        Map<UUID, CompletableFuture<Void>> wakeUps = new LinkedHashMap<>();
        if (waits) {
            requestIds.forEach(id -> wakeUps.put(id, waiting.computeIfAbsent(id, key -> new CompletableFuture<>())));
        }
        try {
            Map<UUID, RequestOutcome> found = new LinkedHashMap<>(outcomes.of(tenantId, requestIds));
            List<UUID> open = requestIds.stream().filter(id -> !found.containsKey(id)).toList();
            if (open.isEmpty() || !waits) {
                return found;
            }
            if (!sleepUntilWoken(open, wakeUps, wait)) {
                log.info("{} of {} requests have no outcome after {}; answering them as pending", open.size(),
                        requestIds.size(), wait);
            }
            found.putAll(outcomes.of(tenantId, open));
            return found;
        } finally {
            wakeUps.forEach(waiting::remove);
        }
    }

    /** Waits until every open request is woken or the wait runs out (false); true when stopped early too. */
    private static boolean sleepUntilWoken(List<UUID> open, Map<UUID, CompletableFuture<Void>> wakeUps,
                                           Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            for (UUID id : open) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wakeUps.get(id).get(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | CancellationException e) {
            log.debug("Stopped waiting for {} requests", open.size());
            return true;
        }
    }

    /** Wakes the request, if a wait on this replica is for it; whether one was. */
    boolean wake(UUID requestId) {
        CompletableFuture<Void> wakeUp = waiting.remove(requestId);
        if (wakeUp == null) {
            return false;
        }
        wakeUp.complete(null);
        return true;
    }

    /** Whether a wait on this replica is for the request. */
    boolean isWaitingFor(UUID requestId) {
        return waiting.containsKey(requestId);
    }

    /** Ends every wait at once (the gateway stops): each answers with what Postgres has. */
    void stopWaiting() {
        new ArrayList<>(waiting.values()).forEach(wakeUp -> wakeUp.cancel(false));
        waiting.clear();
    }
}
