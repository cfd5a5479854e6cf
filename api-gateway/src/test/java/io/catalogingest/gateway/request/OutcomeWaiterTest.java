package io.catalogingest.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The one outcome wait, without Kafka or Postgres: outcomes are "recorded" in a map the waiter reads, and wake-ups are
 * what {@link OutcomeEvents} would do on an event. A worker records an outcome before its event leaves, so a test
 * records first, then wakes.
 */
class OutcomeWaiterTest {

    private static final String TENANT = "tenant-a";
    private static final Duration SHORT = Duration.ofSeconds(2);
    private static final Duration LONG = Duration.ofSeconds(60);

    private final Map<UUID, RequestOutcome> recorded = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    private OutcomeWaiter waiter(Duration syncWait) {
        return new OutcomeWaiter((tenantId, ids) -> {
            reads.incrementAndGet();
            Map<UUID, RequestOutcome> found = new HashMap<>();
            ids.forEach(id -> {
                RequestOutcome outcome = recorded.get(id);
                if (outcome != null && outcome.tenantId().equals(tenantId)) {
                    found.put(id, outcome);
                }
            });
            return found;
        }, syncWait);
    }

    @Test
    void awaitAllAnswersWhatWasRecordedOrWokenAndLeavesTheTimedOutOnesPending() throws Exception {
        OutcomeWaiter waiter = waiter(SHORT);
        UUID before = UUID.randomUUID();
        UUID woken = UUID.randomUUID();
        UUID silent = UUID.randomUUID();
        UUID alsoSilent = UUID.randomUUID();
        recorded.put(before, outcome(before, 201));

        long start = System.nanoTime();
        CompletableFuture<Map<UUID, RequestOutcome>> answer = CompletableFuture.supplyAsync(
                () -> waiter.awaitAll(TENANT, List.of(before, woken, silent, alsoSilent)));
        wakeWhenWaiting(waiter, woken, outcome(woken, 409));
        Map<UUID, RequestOutcome> outcomes = answer.get(30, TimeUnit.SECONDS);

        assertThat(outcomes).containsOnlyKeys(before, woken);
        assertThat(outcomes.get(before).httpStatus()).isEqualTo(201);
        assertThat(outcomes.get(woken).httpStatus()).isEqualTo(409);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited out the bound for the silent ones")
                .isGreaterThanOrEqualTo(SHORT);
        assertThat(waiter.wake(silent)).as("no wait is left registered after the answer").isFalse();
        assertThat(waiter.wake(alsoSilent)).isFalse();
    }

    @Test
    void awaitAllReturnsOnceEveryRequestIsWokenWithoutWaitingOutTheBound() throws Exception {
        OutcomeWaiter waiter = waiter(LONG);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        CompletableFuture<Map<UUID, RequestOutcome>> answer = CompletableFuture.supplyAsync(
                () -> waiter.awaitAll(TENANT, List.of(first, second)));
        wakeWhenWaiting(waiter, second, outcome(second, 201));
        wakeWhenWaiting(waiter, first, outcome(first, 201));

        assertThat(answer.get(30, TimeUnit.SECONDS)).containsOnlyKeys(first, second);
    }

    @Test
    void anOutcomeRecordedBeforeTheWaitIsFoundWithoutAWakeUp() {
        OutcomeWaiter waiter = waiter(LONG);
        UUID id = UUID.randomUUID();
        recorded.put(id, outcome(id, 201));

        assertThat(waiter.await(TENANT, id)).map(RequestOutcome::httpStatus).contains(201);
        assertThat(reads).as("nothing to wait for: one read").hasValue(1);
    }

    @Test
    void anExpectedRequestIsReadOnceAfterItsWakeUpAndNotBefore() throws Exception {
        OutcomeWaiter waiter = waiter(LONG);
        UUID id = UUID.randomUUID();
        OutcomeWaiter.Expected expected = waiter.expect(id);
        // the command is published now; its outcome is recorded and woken before the dispatcher even waits
        recorded.put(id, outcome(id, 201));
        assertThat(waiter.wake(id)).as("the wake-up is not missed: the interest came first").isTrue();

        try (expected) {
            assertThat(CompletableFuture.supplyAsync(() -> expected.await(TENANT)).get(30, TimeUnit.SECONDS))
                    .map(RequestOutcome::httpStatus).contains(201);
        }
        assertThat(reads).as("one read, after the wake-up").hasValue(1);
        assertThat(waiter.isWaitingFor(id)).isFalse();
    }

    @Test
    void anExpectedRequestWithoutAWakeUpIsStillReadAtTheDeadline() {
        OutcomeWaiter waiter = waiter(SHORT);
        UUID id = UUID.randomUUID();
        try (OutcomeWaiter.Expected expected = waiter.expect(id)) {
            recorded.put(id, outcome(id, 409)); // its wake-up went to another replica, or was missed

            assertThat(expected.await(TENANT)).map(RequestOutcome::httpStatus).contains(409);
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void anExpectationClosedUnawaitedLeavesNoWait() {
        OutcomeWaiter waiter = waiter(LONG);
        UUID id = UUID.randomUUID();
        try (OutcomeWaiter.Expected expected = waiter.expect(id)) {
            assertThat(waiter.isWaitingFor(id)).isTrue();
        }
        assertThat(waiter.isWaitingFor(id)).as("e.g. a publish that was not acknowledged").isFalse();
        assertThat(reads).hasValue(0);
    }

    @Test
    void aWakeUpWhoseOutcomeIsAnotherTenantsAnswersNothing() throws Exception {
        OutcomeWaiter waiter = waiter(LONG);
        UUID id = UUID.randomUUID();
        CompletableFuture<Optional<RequestOutcome>> answer = CompletableFuture.supplyAsync(
                () -> waiter.await(TENANT, id));
        wakeWhenWaiting(waiter, id, new RequestOutcome(id, "tenant-b", RequestOutcome.Kind.SUCCEEDED, "product", "p-1", 201, null,
                List.of(), Instant.now()));

        assertThat(answer.get(30, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aZeroWaitOnlyReads() {
        OutcomeWaiter waiter = waiter(LONG);
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        recorded.put(known, outcome(known, 201));

        assertThat(waiter.awaitAll(TENANT, List.of(known, unknown), Duration.ZERO)).containsOnlyKeys(known);
        assertThat(waiter.wake(unknown)).as("a read registers no wait").isFalse();
    }

    @Test
    void stoppingEndsEveryWaitWithWhatIsRecorded() throws Exception {
        OutcomeWaiter waiter = waiter(LONG);
        UUID id = UUID.randomUUID();
        CompletableFuture<Optional<RequestOutcome>> answer = CompletableFuture.supplyAsync(
                () -> waiter.await(TENANT, id));
        awaitRegistered(waiter, id);
        recorded.put(id, outcome(id, 201));
        waiter.stopWaiting();

        assertThat(answer.get(30, TimeUnit.SECONDS)).map(RequestOutcome::httpStatus).contains(201);
    }

    /** Records the outcome, then wakes the wait once it is registered (as the outcome consumer would). */
    private void wakeWhenWaiting(OutcomeWaiter waiter, UUID id, RequestOutcome outcome) {
        awaitRegistered(waiter, id);
        recorded.put(id, outcome);
        assertThat(waiter.wake(id)).isTrue();
    }

    /** Until a wait for the request is registered. */
    private static void awaitRegistered(OutcomeWaiter waiter, UUID id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> waiter.isWaitingFor(id));
    }

    private static RequestOutcome outcome(UUID id, int status) {
        return new RequestOutcome(id, TENANT, status < 300 ? RequestOutcome.Kind.SUCCEEDED : RequestOutcome.Kind.REJECTED, "product", "p-" + id, status,
                null, List.of(), Instant.now());
    }
}
