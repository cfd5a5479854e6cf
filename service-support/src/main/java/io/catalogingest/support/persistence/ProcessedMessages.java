package io.catalogingest.support.persistence;

import java.util.ArrayList;
import java.util.List;

import io.catalogingest.common.envelope.Envelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meter {@code catalog.messages.processed} (Prometheus: {@code catalog_messages_processed_total}): every message
 * that went through {@link AppliedOnce}, tagged by consumer, {@code type} (its {@code ce_type}) and {@code outcome} —
 * {@code applied} (no outcome recorded, or a successful one), {@code rejected} (a business rejection) or
 * {@code repeated} (applied before; its outcome announced again). Counted after the commit, so a transaction that
 * rolls back and is retried counts once.
 */
final class ProcessedMessages {

    static final String METER = "catalog.messages.processed";

    private final MeterRegistry meters;

    ProcessedMessages(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The counts of one transaction, added to the meters once it committed. */
    Tally tally() {
        return new Tally();
    }

    final class Tally {
        private final List<Counter> counted = new ArrayList<>();

        void applied(String consumer, Envelope<?> message, Outcome outcome) {
            counted.add(counter(consumer, message, outcome == null || outcome.succeeded() ? "applied" : "rejected"));
        }

        void repeated(String consumer, Envelope<?> message) {
            counted.add(counter(consumer, message, "repeated"));
        }

        /** A transaction that is tried again starts from nothing. */
        void clear() {
            counted.clear();
        }

        void committed() {
            counted.forEach(Counter::increment);
        }

        private Counter counter(String consumer, Envelope<?> message, String outcome) {
            return Counter.builder(METER)
                    .description("Messages taken through the idempotent consumer, by type and outcome")
                    .tag("consumer", consumer)
                    .tag("type", message.type())
                    .tag("outcome", outcome)
                    .register(meters);
        }
    }
}
