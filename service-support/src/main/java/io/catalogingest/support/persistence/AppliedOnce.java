package io.catalogingest.support.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.support.messaging.MessagePublisher;

/**
 * The idempotent-consumer pattern of every worker, in one place: in one transaction, claim the message id, apply
 * the command and record its outcome; after the commit, announce the outcome event. A redelivered message changes
 * nothing and announces its recorded outcome again.
 */
public class AppliedOnce {

    private static final Logger log = LoggerFactory.getLogger(AppliedOnce.class);

    private final Jdbi jdbi;
    private final MessageLedger ledger;
    private final MessagePublisher publisher;

    public AppliedOnce(Jdbi jdbi, MessageLedger ledger, MessagePublisher publisher) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.publisher = publisher;
    }

    /** One command, one transaction. */
    public <T> void apply(String consumer, Envelope<T> command, BiFunction<Handle, Envelope<T>, Outcome> work) {
        applyAll(consumer, List.of(command), work);
    }

    /** The commands of a batch in one transaction, each claimed, applied and recorded on its own. */
    public <T> void applyAll(String consumer, List<Envelope<T>> commands,
                             BiFunction<Handle, Envelope<T>, Outcome> work) {
        List<MessageLedger.RecordedEvent> announcements = jdbi.inTransaction(handle -> {
            List<MessageLedger.RecordedEvent> events = new ArrayList<>();
            for (Envelope<T> command : commands) {
                if (!ledger.claim(handle, consumer, command.id())) {
                    log.info("Command {} was applied before; announcing its recorded outcome again", command.id());
                    ledger.recordedEvent(handle, command.requestId()).ifPresent(events::add);
                    continue;
                }
                Outcome outcome = work.apply(handle, command);
                ledger.record(handle, command, outcome);
                events.add(new MessageLedger.RecordedEvent(outcome.topic(), outcome.event()));
            }
            return events;
        });
        Map<String, List<Envelope<?>>> byTopic = new LinkedHashMap<>();
        announcements.forEach(recorded ->
                byTopic.computeIfAbsent(recorded.topic(), topic -> new ArrayList<>()).add(recorded.event()));
        byTopic.forEach(publisher::publishAll);
    }
}
