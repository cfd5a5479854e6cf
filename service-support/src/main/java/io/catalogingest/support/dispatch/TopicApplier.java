package io.catalogingest.support.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;

import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.UnreadableMessageException;
import io.catalogingest.support.messaging.InboundRecords;
import io.catalogingest.support.messaging.PoisonMessageException;

/**
 * The one applier of a topic's records, for its listener: decodes each record, checks that its type is handled on
 * the topic and that it is keyed as its {@link KeyRule} says, and hands it to the feature that registered the type
 * ({@link HandlerRegistry}). It throws; the worker's one error handler decides.
 *
 * <p>A batch listener's poll ({@link #applyAll}) is handed over in runs — consecutive records of one type, in log
 * order — each applied as its handler's shape says. A record that cannot be read, is not handled here or is keyed
 * otherwise stops the poll: the records before it are applied, then {@link BatchListenerFailedException} names it,
 * so the error handler commits the ones before and sends it alone to the dead-letter topic. A failure while applying
 * is pinned to the record that causes it in the same way (see the shapes of {@link HandlerRegistry}).
 */
public final class TopicApplier {

    private static final Logger log = LoggerFactory.getLogger(TopicApplier.class);

    private final String topic;
    private final Map<String, Handler<?>> handlers;
    private final InboundRecords inbound;

    TopicApplier(String topic, Map<String, Handler<?>> handlers, InboundRecords inbound) {
        this.topic = topic;
        this.handlers = handlers;
        this.inbound = inbound;
    }

    /** A record listener's record: applied by its handler. */
    public void apply(ConsumerRecord<String, byte[]> record) {
        Envelope<?> message = inbound.decode(record);
        applyOne(handlerOf(message), message);
    }

    /**
     * A record of a type handled here, as {@link #apply}; records of any other type are skipped without being decoded
     * — for a consumer of a few types on a busy event topic.
     */
    public void applyIfHandled(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type != null && type.value() != null && handlers.containsKey(new String(type.value(), UTF_8))) {
            apply(record);
        }
    }

    /** A batch listener's poll, in runs of one type (see the class comment). */
    public void applyAll(List<ConsumerRecord<String, byte[]>> records) {
        long polled = System.currentTimeMillis();
        List<Envelope<?>> messages = new ArrayList<>(records.size());
        RuntimeException stop = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Envelope<?> message = inbound.decode(record);
                handlerOf(message);
                messages.add(message);
            } catch (UnreadableMessageException | PoisonMessageException e) {
                stop = e;
                break;
            }
        }
        int start = 0;
        while (start < messages.size()) {
            String type = messages.get(start).type();
            int end = start + 1;
            while (end < messages.size() && messages.get(end).type().equals(type)) {
                end++;
            }
            applyRun(handlers.get(type), messages.subList(start, end), start);
            start = end;
        }
        if (stop != null) {
            throw new BatchListenerFailedException(stop.getMessage(), stop, messages.size());
        }
        if (log.isDebugEnabled() && !records.isEmpty()) {
            // the first record's age at the poll: from its producer's send to this consumer (fetch wait included)
            log.debug("Applied a poll of {} records in {} ms; the first was {} ms old when polled", records.size(),
                    System.currentTimeMillis() - polled, polled - records.get(0).timestamp());
        }
    }

    /**
     * The handler of a message's type, once the message is known to be keyed as it must be.
     *
     * @throws PoisonMessageException when the type is not handled on this topic, or the key is wrong
     */
    private Handler<?> handlerOf(Envelope<?> message) {
        Handler<?> handler = handlers.get(message.type());
        if (handler == null) {
            throw new PoisonMessageException(message.type() + " does not belong on " + topic);
        }
        checkKey(handler, message);
        return handler;
    }

    private static <T> void checkKey(Handler<T> handler, Envelope<?> message) {
        handler.key().check(Handler.<T>typed(message));
    }

    private static <T> void applyOne(Handler<T> handler, Envelope<?> message) {
        handler.applyOne(Handler.typed(message));
    }

    private static <T> void applyRun(Handler<T> handler, List<Envelope<?>> run, int firstIndex) {
        handler.applyRun(Handler.typed(run), firstIndex);
    }
}
