package io.catalogingest.support.persistence;

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
 *       first).</li>
 * </ul>
 */
public class AppliedOnce {

    private static final Logger log = LoggerFactory.getLogger(AppliedOnce.class);

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
     * A batch applied set-based in one transaction: one statement claims every id, the step applies the fresh
     * commands together, one statement records every outcome and writes every event to the outbox. Repeats announce
     * their recorded outcomes again. After the commit the events are sent; the caller awaits the delivery before it
     * acknowledges the records.
     */
    public <T> Delivery processBatch(String consumer, List<Envelope<T>> commands, BatchStep<T> step) {
        ProcessedMessages.Tally tally = processed.tally();
        Outbox.Written written = jdbi.inTransaction(handle -> {
            tally.clear();
            Set<UUID> claimed = fresh(handle, consumer, commands);
            List<Envelope<T>> fresh = new ArrayList<>(claimed.size());
            for (Envelope<T> command : commands) {
                if (claimed.remove(command.id())) {
                    fresh.add(command);
                }
            }
            List<Announcement> alsoAnnounce = new ArrayList<>();
            Map<UUID, Outcome> outcomes = fresh.isEmpty() ? Map.of() : step.apply(handle, fresh, alsoAnnounce);
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
            return outbox.write(handle, events, toRecord);
        });
        tally.committed();
        return outbox.publish(written);
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

    private record Committed(Outbox.Written written, List<Runnable> afterCommit, List<Runnable> afterAnnounce) {
    }
}
