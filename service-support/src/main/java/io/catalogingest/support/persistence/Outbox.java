package io.catalogingest.support.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.messaging.StoredRecords;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox, the "announce" step of every change that publishes an event (invariant 5: every outcome
 * event leaves at least once, even after a crash between commit and publish). The events of a transaction are written
 * to {@code outbox} as one row (V17) in the transaction of the change; right after the commit the same thread sends
 * them and, once the broker acknowledged them all, the row is deleted. Whatever is left (the process died, the broker did not answer) is
 * published by {@link OutboxRelay}. Consumers dedupe on {@code ce_id}, so a repeat is harmless.
 *
 * <p>Fault hook: {@code catalog.faults.halt-after-commit=N} halts the JVM after the N-th committed transaction that
 * announced something, before its events are sent (off by default; for the fault-injection suite).
 */
public class Outbox implements DisposableBean {

    /** The exit status of a halt by the fault hook. */
    public static final int HALT_STATUS = 137;
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final String NO_ERRORS = "[]";
    /**
     * How long an acknowledged row may wait for its deletion, so that rows acknowledged meanwhile go with it; far below
     * the relay's {@code min-age}, so the relay does not send them again.
     */
    private static final Duration DELETE_DELAY = Duration.ofMillis(100);

    private final Jdbi jdbi;
    private final MessagePublisher publisher;
    private final EnvelopeCodec codec;
    private final JsonMapper json;
    private final boolean publishAfterCommit;
    private final int haltAfterCommit;
    private final Runnable halt;
    private final AtomicInteger commits = new AtomicInteger();
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean cleaning = new AtomicBoolean();
    private final ScheduledExecutorService cleaner = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    public Outbox(Jdbi jdbi, MessagePublisher publisher, EnvelopeCodec codec, JsonMapper json,
                  OutboxProperties properties, int haltAfterCommit) {
        this(jdbi, publisher, codec, json, properties, haltAfterCommit, () -> Runtime.getRuntime().halt(HALT_STATUS));
    }

    Outbox(Jdbi jdbi, MessagePublisher publisher, EnvelopeCodec codec, JsonMapper json, OutboxProperties properties,
           int haltAfterCommit, Runnable halt) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.codec = codec;
        this.json = json;
        this.publishAfterCommit = properties.publishAfterCommit();
        this.haltAfterCommit = haltAfterCommit;
        this.halt = halt;
        if (haltAfterCommit > 0) {
            log.warn("Fault hook armed: the process halts after commit {} with events, before publishing them",
                    haltAfterCommit);
        }
    }

    /** Work in one transaction that announces events through {@link Announcer}. */
    @FunctionalInterface
    public interface TransactionWork<R> {
        R apply(Handle handle, Announcer announcer);
    }

    /** Collects the events of a transaction. */
    @FunctionalInterface
    public interface Announcer {
        void announce(String topic, Envelope<?> event);
    }

    /**
     * Runs {@code work} in one transaction; the events it announces are written to the outbox in that transaction,
     * published after the commit, and awaited.
     */
    public <R> R inTransaction(TransactionWork<R> work) {
        Committed<R> committed = jdbi.inTransaction(handle -> {
            List<Announcement> announced = new ArrayList<>();
            R result = work.apply(handle, (topic, event) -> announced.add(new Announcement(topic, event)));
            return new Committed<>(result, write(handle, announced, List.of()));
        });
        publish(committed.written()).await();
        return committed.result();
    }

    /** Announces one event on its own (its own transaction, then published and awaited). */
    public void announce(String topic, Envelope<?> event) {
        inTransaction((handle, announcer) -> {
            announcer.announce(topic, event);
            return null;
        });
    }

    private record Committed<R>(R result, Written written) {
    }

    /** An outcome to record for the request that caused {@code cause}. */
    record RecordedOutcome(Envelope<?> cause, Outcome outcome) {
    }

    /** Events written to the outbox, encoded, and the id of their row. */
    record Written(List<Announcement> events, List<WireRecord> wires, long row) {

        static final Written NOTHING = new Written(List.of(), List.of(), 0);

        boolean isEmpty() {
            return events.isEmpty();
        }
    }

    /**
     * Writes the events to the outbox, as one row, and the outcomes (whose events must be among them; an outcome whose
     * event is not is left out) to {@code request_outcome}, in the caller's transaction: one statement, whatever the
     * numbers. Each event is encoded once.
     */
    Written write(Handle handle, List<Announcement> events, List<RecordedOutcome> outcomes) {
        return write(handle, events, outcomes, null);
    }

    /**
     * As {@link #write(Handle, List, List)}, and {@code joined} (when not null) in the same statement: the caller's
     * own write, made in the same round trip.
     */
    Written write(Handle handle, List<Announcement> events, List<RecordedOutcome> outcomes, JoinedWrite joined) {
        if (events.isEmpty()) {
            if (joined != null) {
                throw new IllegalArgumentException("a joined write needs the events it goes with");
            }
            return Written.NOTHING;
        }
        int n = events.size();
        List<WireRecord> wires = new ArrayList<>(n);
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] eventIds = new String[n];
        String[] headers = new String[n];
        String[] payloads = new String[n];
        Map<UUID, Integer> positions = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Announcement announcement = events.get(i);
            WireRecord wire = codec.encode(announcement.event());
            wires.add(wire);
            topics[i] = announcement.topic();
            keys[i] = wire.key();
            eventIds[i] = announcement.event().id().toString();
            headers[i] = StoredRecords.headersJson(wire, json);
            payloads[i] = StoredRecords.payloadText(wire);
            positions.putIfAbsent(announcement.event().id(), i + 1);
        }
        List<RecordedOutcome> recorded = outcomes.stream()
                .filter(o -> o.cause().requestId() != null && positions.containsKey(o.outcome().event().id()))
                .toList();
        int m = recorded.size();
        String[] requestIds = new String[m];
        String[] tenants = new String[m];
        String[] results = new String[m];
        String[] resourceTypes = new String[m];
        String[] resourceIds = new String[m];
        Integer[] statuses = new Integer[m];
        String[] messages = new String[m];
        String[] errors = new String[m];
        Integer[] eventPositions = new Integer[m];
        String[] eventSources = new String[m];
        String[] eventTopics = new String[m];
        String[] eventSubjects = new String[m];
        String[] eventTypes = new String[m];
        for (int i = 0; i < m; i++) {
            Envelope<?> cause = recorded.get(i).cause();
            Outcome outcome = recorded.get(i).outcome();
            Envelope<?> event = outcome.event();
            requestIds[i] = cause.requestId().toString();
            tenants[i] = cause.tenantId();
            results[i] = outcome.succeeded() ? "succeeded" : "rejected";
            resourceTypes[i] = outcome.resourceType();
            resourceIds[i] = outcome.resourceId();
            statuses[i] = outcome.httpStatus();
            messages[i] = outcome.message();
            errors[i] = outcome.errors().isEmpty() ? NO_ERRORS : json.writeValueAsString(outcome.errors());
            eventPositions[i] = positions.get(event.id());
            eventSources[i] = event.source();
            eventTopics[i] = outcome.topic();
            eventSubjects[i] = event.subject();
            eventTypes[i] = event.type();
        }
        OutboxDao dao = handle.attach(OutboxDao.class);
        long row = joined == null
                ? dao.write(topics, keys, eventIds, headers, payloads, requestIds, tenants, results, resourceTypes,
                        resourceIds, statuses, messages, errors, eventPositions, eventSources, eventTopics,
                        eventSubjects, eventTypes)
                : dao.writeJoined(joined.ctes(), joined.arguments(), topics, keys, eventIds, headers, payloads,
                        requestIds, tenants, results, resourceTypes, resourceIds, statuses, messages, errors,
                        eventPositions, eventSources, eventTopics, eventSubjects, eventTypes);
        return new Written(List.copyOf(events), wires, row);
    }

    /**
     * After the commit: sends the written events without waiting; their row is deleted (in the background, many
     * transactions' rows in one statement) once the broker acknowledged them all.
     */
    Delivery publish(Written written) {
        if (written.isEmpty()) {
            return Delivery.NONE;
        }
        if (haltAfterCommit > 0 && commits.incrementAndGet() == haltAfterCommit) {
            log.error("Fault hook: halting after commit {}, before publishing {} events", haltAfterCommit,
                    written.events().size());
            halt.run();
        }
        if (!publishAfterCommit) {
            return Delivery.NONE;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(written.wires().size());
        for (int i = 0; i < written.wires().size(); i++) {
            sends.add(publisher.send(written.events().get(i).topic(), written.wires().get(i)));
        }
        long row = written.row();
        int count = sends.size();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenRun(() -> deleteSoon(row))
                .exceptionally(failure -> {
                    log.debug("{} events (outbox row {}) stay in the outbox for the relay: {}", count, row,
                            failure.toString());
                    return null;
                });
        return new Delivery(sends, publisher.sendTimeout());
    }

    /**
     * Queues an acknowledged row for deletion; one statement deletes whatever queued up meanwhile, at most one every
     * {@link #DELETE_DELAY}: with synchronous creates, one statement for many transactions' rows instead of one each.
     */
    private void deleteSoon(long row) {
        acknowledged.add(row);
        if (cleaning.compareAndSet(false, true)) {
            try {
                cleaner.schedule(this::deleteAcknowledged, DELETE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                cleaning.set(false); // stopping: the relay of the next start publishes them again
            }
        }
    }

    private void deleteAcknowledged() {
        cleaning.set(false);
        List<Long> ids = new ArrayList<>();
        for (Long row = acknowledged.poll(); row != null; row = acknowledged.poll()) {
            ids.add(row);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            jdbi.useHandle(handle -> handle.attach(OutboxDao.class).delete(ids.toArray(Long[]::new)));
        } catch (RuntimeException e) {
            log.warn("Could not delete {} published outbox rows (the relay publishes them again): {}", ids.size(),
                    e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        cleaner.shutdown();
        cleaner.awaitTermination(5, TimeUnit.SECONDS);
    }
}
