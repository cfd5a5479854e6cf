package io.catalogingest.support.dispatch;

import io.catalogingest.common.Ids;
import io.catalogingest.common.envelope.AggregateMessage;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.support.messaging.PoisonMessageException;

/**
 * What a message's record key ({@code ce_subject}) must be. Ordering and dedupe hang on the key: a command keyed by
 * another aggregate than the one it changes is forged or broken, and is dead-lettered before any handler sees it.
 *
 * @param <T> the payloads the rule applies to
 */
@FunctionalInterface
public interface KeyRule<T> {

    /**
     * @throws PoisonMessageException when the message is keyed otherwise
     */
    void check(Envelope<? extends T> message);

    /** Keyed by the aggregate its payload names ({@link AggregateMessage#aggregateId()}). */
    static KeyRule<AggregateMessage> aggregate() {
        return message -> requireKey(message, message.payload().aggregateId());
    }

    /** Keyed by the aggregate its payload names, which is a UUID (a release's commands). */
    static KeyRule<AggregateMessage> uuidAggregate() {
        return message -> {
            if (Ids.uuid(message.subject()).isEmpty()) {
                throw new PoisonMessageException(message.type() + " keyed '" + message.subject()
                        + "', which is not a UUID");
            }
            requireKey(message, message.payload().aggregateId());
        };
    }

    /** Keyed by its tenant id: a message about the workspace itself, whose changes apply in order. */
    static KeyRule<Object> tenant() {
        return message -> requireKey(message, message.tenantId());
    }

    /**
     * Any key: the handler itself answers a message keyed otherwise (a review keyed by another release is refused
     * with an event, a business rejection), or the message is an event read for its content.
     */
    static KeyRule<Object> any() {
        return message -> {
        };
    }

    private static void requireKey(Envelope<?> message, String aggregate) {
        if (aggregate == null || !aggregate.equals(message.subject())) {
            throw new PoisonMessageException(message.type() + " keyed " + message.subject()
                    + " is about another aggregate (" + aggregate + ")");
        }
    }
}
