package io.catalogingest.support.persistence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.catalogingest.common.envelope.Envelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * The idempotent consumer of every worker, in one place (invariants 1 and 5). In ONE transaction: claim the message
 * ids ({@code processed_message}, one statement for a batch), apply the fresh ones, then record the outcomes
 * ({@code request_outcome}) and write the events to the outbox (one statement). After the commit: run the
 * after-commit actions, publish the events ({@link Outbox}) and wait for the broker, then run the after-announce
 * actions. A redelivered message changes nothing and
 * announces its recorded outcome again (or what its step's {@link Step#repeated} says).
 *
 * <p>Three shapes, one path:
 * <ul>
 *   <li>{@link #apply} / {@link #applyAll}: the step returns an {@link Outcome}, recorded and announced;</li>
 *   <li>{@link #process} / {@link #processAll}: the step returns {@link Applied} — an outcome or none, extra events,
 *       after-commit actions — and may say what a repeat does;</li>
 *   <li>{@link #processBatch}: set-based, for high-volume commands: the step gets every fresh command at once and
 *       returns their outcomes; the caller awaits the returned {@link Delivery} (it may apply the next batch
 *       first). A {@link FastBatchStep} may go first: its main write rides in the outcomes' statement, and a unique
 *       violation there sends the batch, in a new transaction, to the step (ADR 0028).</li>
 * </ul>
 */
public class AppliedOnce {

    private static final Logger log = LoggerFactory.getLogger(AppliedOnce.class);
    /** PostgreSQL's SQLSTATE for a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final MessageLedger ledger;
    private final Outbox outbox;
    private final ProcessedMessages processed;

    public AppliedOnce(Jdbi jdbi, MessageLedger ledger, Outbox outbox) {
        this(jdbi, ledger, outbox, Metrics.globalRegistry);
    }

    /** Counts every message in {@code catalog.messages.processed} (see {@link ProcessedMessages}). */
    public AppliedOnce(Jdbi jdbi, MessageLedger ledger, Outbox outbox, MeterRegistry meters) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.outbox = outbox;
        this.processed = new ProcessedMessages(meters);
    }

    /** How one fresh message is applied, and what a repeated one does. */
    @FunctionalInterface
    public interface Step<T> {

        /** Applies a message claimed just now, in the transaction of {@code handle}. */
        Applied apply(Handle handle, Envelope<T> message);

        /**
         * A message applied before: by default its recorded outcome event (if any) is announced again.
         *
         * @param recorded the outcome event recorded for the message's request
         */
        default Applied repeated(Handle handle, Envelope<T> message, Optional<Announcement> recorded) {
            return Applied.announcing(recorded.stream().toList());
        }

        /** A step with its own handling of repeats. */
        static <T> Step<T> of(Step<T> apply, Repeat<T> repeat) {
            return new Step<>() {
                @Override
                public Applied apply(Handle handle, Envelope<T> message) {
                    return apply.apply(handle, message);
                }

                @Override
                public Applied repeated(Handle handle, Envelope<T> message, Optional<Announcement> recorded) {
                    return repeat.repeated(handle, message, recorded);
                }
            };
        }
    }

    /** What a repeated message does (see {@link Step#repeated}). */
    @FunctionalInterface
    public interface Repeat<T> {
        Applied repeated(Handle handle, Envelope<T> message, Optional<Announcement> recorded);
    }

    /**
     * How the fresh messages of a batch are applied together: their outcomes by message id. Events that are no
     * message's outcome (a warning the batch caused, say) go into {@code alsoAnnounce}: they are written to the outbox
     * in the same transaction and announced after the outcomes.
     */
    @FunctionalInterface
    public interface BatchStep<T> {
        Map<UUID, Outcome> apply(Handle handle, List<Envelope<T>> fresh, List<Announcement> alsoAnnounce);
    }

    /** One command, one transaction; its outcome is recorded and announced. */
    public <T> void apply(String consumer, Envelope<T> command, BiFunction<Handle, Envelope<T>, Outcome> work) {
        applyAll(consumer, List.of(command), work);
    }

    /** The commands of a batch in one transaction, each applied on its own; outcomes recorded and announced. */
    public <T> void applyAll(String consumer, List<Envelope<T>> commands,
                             BiFunction<Handle, Envelope<T>, Outcome> work) {
        processAll(consumer, commands, (handle, command) -> Applied.recorded(work.apply(handle, command)));
    }

    /** One message, one transaction; then its after-commit actions, its events (awaited), its after-announce ones. */
    public <T> void process(String consumer, Envelope<T> message, Step<T> step) {
        processAll(consumer, List.of(message), step);
    }

    /** The messages in one transaction, each applied on its own; then as {@link #process}. */
    public <T> void processAll(String consumer, List<Envelope<T>> messages, Step<T> step) {
        ProcessedMessages.Tally tally = processed.tally();
        Committed committed = jdbi.inTransaction(handle -> {
            tally.clear();
            Set<UUID> fresh = fresh(handle, consumer, messages);
            Map<UUID, Announcement> recorded = recordedOfRepeats(handle, messages, fresh);
            List<Announcement> events = new ArrayList<>();
            List<Outbox.RecordedOutcome> outcomes = new ArrayList<>();
            List<Runnable> actions = new ArrayList<>();
            List<Runnable> announced = new ArrayList<>();
            for (Envelope<T> message : messages) {
                Applied applied;
                if (fresh.remove(message.id())) {
                    applied = step.apply(handle, message);
                    tally.applied(consumer, message, applied.outcome());
                    if (applied.outcome() != null) {
                        outcomes.add(new Outbox.RecordedOutcome(message, applied.outcome()));
                    }
                } else {
                    log.info("Message {} was applied before by {}; announcing its outcome again", message.id(),
                            consumer);
                    applied = step.repeated(handle, message, Optional.ofNullable(recordedOf(recorded, message)));
                    tally.repeated(consumer, message);
                }
                events.addAll(applied.events());
                actions.addAll(applied.afterCommit());
                announced.addAll(applied.afterAnnounce());
            }
            return new Committed(outbox.write(handle, events, outcomes), actions, announced);
        });
        tally.committed();
        committed.afterCommit().forEach(Runnable::run);
        outbox.publish(committed.written()).await();
        committed.afterAnnounce().forEach(Runnable::run);
    }

    /**
     * The fast path of a batch: decides every fresh command's outcome as if its write goes through, and leaves that
     * write to the statement that records the outcomes and writes the outbox row ({@link JoinedWrite}: one round trip,
     * and no pessimistic checks before it). When that statement breaks a unique constraint, the transaction is rolled
     * back as a whole and the batch is applied again, in a new one, by the {@link BatchStep} (which decides per record
     * and rejects only the records in conflict). Empty: this batch takes the {@link BatchStep} at once; then the
     * attempt must have written nothing (it may have locked rows) and its {@code alsoAnnounce} is discarded.
     */
    @FunctionalInterface
    public interface FastBatchStep<T> {
        Optional<Attempt> attempt(Handle handle, List<Envelope<T>> fresh, List<Announcement> alsoAnnounce);
    }

    /**
     * What a {@link FastBatchStep} decided: every fresh command's outcome, and the write they assume.
     *
     * @param outcomes by message id, one for every fresh command
     * @param write    made by the statement that records the outcomes; if it fails, so do they
     */
    public record Attempt(Map<UUID, Outcome> outcomes, JoinedWrite write) {
    }

    /**
     * A batch applied set-based in one transaction: one statement claims every id, the step applies the fresh
     * commands together, one statement records every outcome and writes every event to the outbox. Repeats announce
     * their recorded outcomes again. After the commit the events are sent; the caller awaits the delivery before it
     * acknowledges the records.
     */
    public <T> Delivery processBatch(String consumer, List<Envelope<T>> commands, BatchStep<T> step) {
        return processBatch(consumer, commands, (handle, fresh, alsoAnnounce) -> Optional.empty(), step);
    }

    /**
     * As {@link #processBatch(String, List, BatchStep)}, trying {@code fast} first: its write and the outcomes are one
     * statement; on a unique violation of that statement the transaction rolls back and {@code step} applies the
     * batch in a new one.
     */
    public <T> Delivery processBatch(String consumer, List<Envelope<T>> commands, FastBatchStep<T> fast,
                                     BatchStep<T> step) {
        ProcessedMessages.Tally tally = processed.tally();
        Outbox.Written written;
        try {
            written = jdbi.inTransaction(handle -> applyBatch(handle, consumer, commands, fast, step, tally));
        } catch (JoinedWriteConflict conflict) {
            log.info("A batch of {} messages for {} broke a unique constraint on the fast path ({}); applying it "
                    + "again with checks per message", commands.size(), consumer, conflict.getMessage());
            written = jdbi.inTransaction(handle -> applyBatch(handle, consumer, commands,
                    (h, fresh, alsoAnnounce) -> Optional.empty(), step, tally));
        }
        tally.committed();
        return outbox.publish(written);
    }

    private <T> Outbox.Written applyBatch(Handle handle, String consumer, List<Envelope<T>> commands,
                                          FastBatchStep<T> fast, BatchStep<T> step, ProcessedMessages.Tally tally) {
        tally.clear();
        Set<UUID> claimed = fresh(handle, consumer, commands);
        List<Envelope<T>> fresh = new ArrayList<>(claimed.size());
        for (Envelope<T> command : commands) {
            if (claimed.remove(command.id())) {
                fresh.add(command);
            }
        }
        List<Announcement> alsoAnnounce = new ArrayList<>();
        Map<UUID, Outcome> outcomes = Map.of();
        JoinedWrite joined = null;
        if (!fresh.isEmpty()) {
            Optional<Attempt> attempt = fast.attempt(handle, fresh, alsoAnnounce);
            if (attempt.isPresent()) {
                outcomes = attempt.get().outcomes();
                joined = attempt.get().write();
            } else {
                alsoAnnounce.clear();
                outcomes = step.apply(handle, fresh, alsoAnnounce);
            }
        }
        Set<UUID> freshIds = new HashSet<>();
        fresh.forEach(command -> freshIds.add(command.id()));
        Map<UUID, Announcement> recorded = recordedOfRepeats(handle, commands, freshIds);
        List<Announcement> events = new ArrayList<>(commands.size());
        List<Outbox.RecordedOutcome> toRecord = new ArrayList<>(fresh.size());
        for (Envelope<T> command : commands) {
            if (freshIds.remove(command.id())) {
                Outcome outcome = outcomes.get(command.id());
                if (outcome == null) {
                    throw new IllegalStateException("no outcome for message " + command.id());
                }
                toRecord.add(new Outbox.RecordedOutcome(command, outcome));
                tally.applied(consumer, command, outcome);
                events.add(new Announcement(outcome.topic(), outcome.event()));
            } else {
                log.info("Message {} was applied before by {}; announcing its outcome again", command.id(),
                        consumer);
                tally.repeated(consumer, command);
                Announcement again = recordedOf(recorded, command);
                if (again != null) {
                    events.add(again);
                }
            }
        }
        events.addAll(alsoAnnounce);
        if (joined == null) {
            return outbox.write(handle, events, toRecord);
        }
        try {
            return outbox.write(handle, events, toRecord, joined);
        } catch (StatementException e) {
            SQLException violation = uniqueViolation(e);
            if (violation != null) {
                throw new JoinedWriteConflict(violation);
            }
            throw e;
        }
    }

    /** The unique violation that caused {@code failure}, or null. */
    private static SQLException uniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }

    /** Whether a consumer applied a message before; a read, e.g. to skip costly work before {@link #process}. */
    public boolean appliedBefore(String consumer, UUID messageId) {
        return jdbi.withHandle(handle -> ledger.appliedBefore(handle, consumer, messageId));
    }

    private Set<UUID> fresh(Handle handle, String consumer, List<? extends Envelope<?>> messages) {
        return new HashSet<>(ledger.claimAll(handle, consumer, messages.stream().map(Envelope::id).toList()));
    }

    private Map<UUID, Announcement> recordedOfRepeats(Handle handle, List<? extends Envelope<?>> messages,
                                                      Set<UUID> fresh) {
        List<UUID> requests = messages.stream().filter(message -> !fresh.contains(message.id()))
                .map(Envelope::requestId).toList();
        return requests.isEmpty() ? Map.of() : ledger.recordedEvents(handle, requests);
    }

    private static Announcement recordedOf(Map<UUID, Announcement> recorded, Envelope<?> message) {
        return message.requestId() == null ? null : recorded.get(message.requestId());
    }

    /**
     * The fast path's statement broke a unique constraint: its transaction rolls back, the safe path follows. The
     * message is the database's (constraint and key, no statement and no bound values).
     */
    private static final class JoinedWriteConflict extends RuntimeException {
        JoinedWriteConflict(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private record Committed(Outbox.Written written, List<Runnable> afterCommit, List<Runnable> afterAnnounce) {
    }
}
