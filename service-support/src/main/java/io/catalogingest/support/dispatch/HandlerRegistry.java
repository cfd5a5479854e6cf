package io.catalogingest.support.dispatch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.support.messaging.InboundRecords;
import io.catalogingest.support.persistence.Delivery;

/**
 * Message type to handler, per topic: what a worker applies and how. Features register their handlers
 * ({@link MessageHandlers}); a listener asks for its topic's {@link TopicApplier}. A type is handled by one feature
 * only, and each handler goes through {@code AppliedOnce} itself.
 *
 * <p>Three shapes of handler, by how many messages a transaction takes:
 * <ul>
 *   <li>{@link #each}: one message per call (its own transaction);</li>
 *   <li>{@link #runs}: a run of consecutive messages of the type per call (one transaction, each message applied on
 *       its own); a run that fails as a whole is applied again message by message;</li>
 *   <li>{@link #chunks}: a high-volume, set-based command: chunks of a run, each committed and its events sent without
 *       waiting for the broker, awaited after the last chunk; a chunk that fails as a whole is applied again message
 *       by message.</li>
 * </ul>
 */
public final class HandlerRegistry {

    private final Map<String, Map<String, Handler<?>>> byTopic = new LinkedHashMap<>();

    /** The handlers every feature registers. */
    public static HandlerRegistry of(Collection<? extends MessageHandlers> features) {
        HandlerRegistry registry = new HandlerRegistry();
        features.forEach(feature -> feature.registerOn(registry));
        return registry;
    }

    /** Messages of {@code type} on {@code topic}, keyed as {@code key} says, applied one per call. */
    public <T> HandlerRegistry each(String topic, MessageType<T> type, KeyRule<? super T> key,
                                    Consumer<Envelope<T>> handler) {
        return add(topic, new Handler.Each<>(type, key, handler));
    }

    /** Messages of {@code type}, applied a run (consecutive messages of the type in one poll) per call. */
    public <T> HandlerRegistry runs(String topic, MessageType<T> type, KeyRule<? super T> key,
                                    Consumer<List<Envelope<T>>> handler) {
        return add(topic, new Handler.Runs<>(type, key, handler));
    }

    /**
     * Messages of {@code type}, applied at most {@code size} per call; each call commits and sends the events, and
     * returns their delivery, which the applier awaits before the records are acknowledged.
     */
    public <T> HandlerRegistry chunks(String topic, MessageType<T> type, KeyRule<? super T> key, int size,
                                      Function<List<Envelope<T>>, Delivery> handler) {
        return add(topic, new Handler.Chunks<>(type, key, Math.max(1, size), handler));
    }

    /**
     * The applier of {@code topic}'s records: every type registered on the topic; a record of another type is
     * poison.
     */
    public TopicApplier topic(String topic, InboundRecords inbound) {
        Map<String, Handler<?>> handlers = byTopic.get(topic);
        if (handlers == null) {
            throw new IllegalStateException("no feature handles the messages of " + topic);
        }
        return new TopicApplier(topic, Map.copyOf(handlers), inbound);
    }

    private HandlerRegistry add(String topic, Handler<?> handler) {
        Handler<?> before = byTopic.computeIfAbsent(topic, t -> new LinkedHashMap<>()).putIfAbsent(handler.type().id(),
                handler);
        if (before != null) {
            throw new IllegalStateException(handler.type().id() + " on " + topic + " is handled twice");
        }
        return this;
    }
}
