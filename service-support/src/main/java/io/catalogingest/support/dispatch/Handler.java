package io.catalogingest.support.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.support.persistence.Delivery;

/**
 * One registered handler: the type it applies, the key its messages must have, and how a run of them is applied.
 * The one place where a decoded envelope becomes the type its handler takes: the codec decoded its payload as the
 * record of its {@code ce_type}, which is the type this handler is registered for.
 */
sealed interface Handler<T> {

    Logger log = LoggerFactory.getLogger(Handler.class);

    MessageType<T> type();

    KeyRule<? super T> key();

    /** Applies one message; throws what its handler throws. */
    void applyOne(Envelope<T> message);

    /**
     * Applies a run of messages of this type, the first at {@code firstIndex} of the poll.
     *
     * @throws BatchListenerFailedException naming the record that failed: those before it are applied
     */
    void applyRun(List<Envelope<T>> run, int firstIndex);

    @SuppressWarnings("unchecked")
    static <T> Envelope<T> typed(Envelope<?> message) {
        return (Envelope<T>) message;
    }

    @SuppressWarnings("unchecked")
    static <T> List<Envelope<T>> typed(List<Envelope<?>> messages) {
        return (List<Envelope<T>>) (List<?>) messages;
    }

    /** Each message on its own: a failure is pinned to its record; the ones before it stay applied. */
    record Each<T>(MessageType<T> type, KeyRule<? super T> key, Consumer<Envelope<T>> handler) implements Handler<T> {

        @Override
        public void applyOne(Envelope<T> message) {
            handler.accept(message);
        }

        @Override
        public void applyRun(List<Envelope<T>> run, int firstIndex) {
            oneByOne(run, firstIndex, handler);
        }
    }

    /**
     * A run in one call. A run that fails as a whole (a transient failure, or one record the database refuses) is
     * applied again record by record, so the failure is pinned to the record that causes it: it alone is retried with
     * backoff and, when retries run out, dead-lettered.
     */
    record Runs<T>(MessageType<T> type, KeyRule<? super T> key, Consumer<List<Envelope<T>>> handler)
            implements Handler<T> {

        @Override
        public void applyOne(Envelope<T> message) {
            handler.accept(List.of(message));
        }

        @Override
        public void applyRun(List<Envelope<T>> run, int firstIndex) {
            try {
                handler.accept(run);
            } catch (RuntimeException e) {
                if (run.size() == 1) {
                    throw new BatchListenerFailedException(e.getMessage(), e, firstIndex);
                }
                log.warn("A batch of {} {} failed ({}); applying its records one by one", run.size(), type.id(),
                        e.toString());
                oneByOne(run, firstIndex, this::applyOne);
            }
        }
    }

    /**
     * A run in chunks of at most {@code size}, a transaction each. A chunk's events are sent once it committed and
     * awaited only after the last chunk (the broker acknowledges them while the next chunks are applied), always
     * before the records are acknowledged. A chunk that fails as a whole is applied record by record.
     */
    record Chunks<T>(MessageType<T> type, KeyRule<? super T> key, int size,
                     Function<List<Envelope<T>>, Delivery> handler) implements Handler<T> {

        @Override
        public void applyOne(Envelope<T> message) {
            handler.apply(List.of(message)).await();
        }

        @Override
        public void applyRun(List<Envelope<T>> run, int firstIndex) {
            List<Sent> sent = new ArrayList<>();
            for (int start = 0; start < run.size(); start += size) {
                List<Envelope<T>> chunk = run.subList(start, Math.min(run.size(), start + size));
                try {
                    sent.add(new Sent(firstIndex + start, handler.apply(chunk)));
                } catch (RuntimeException e) {
                    awaitAll(sent);
                    sent.clear();
                    log.warn("A batch of {} {} failed ({}); applying its records one by one", chunk.size(),
                            type.id(), e.toString());
                    oneByOne(chunk, firstIndex + start, this::applyOne);
                }
            }
            awaitAll(sent);
        }

        private static void awaitAll(List<Sent> sent) {
            for (Sent chunk : sent) {
                try {
                    chunk.events().await();
                } catch (RuntimeException e) {
                    // its records are applied; redelivered, the ledger announces their recorded outcomes again
                    throw new BatchListenerFailedException(e.getMessage(), e, chunk.firstIndex());
                }
            }
        }

        /** The events of a chunk, sent, and the index of the chunk's first record in the poll. */
        private record Sent(int firstIndex, Delivery events) {
        }
    }

    private static <T> void oneByOne(List<Envelope<T>> messages, int firstIndex, Consumer<Envelope<T>> apply) {
        for (int i = 0; i < messages.size(); i++) {
            try {
                apply.accept(messages.get(i));
            } catch (RuntimeException single) {
                throw new BatchListenerFailedException(single.getMessage(), single, firstIndex + i);
            }
        }
    }
}
