package io.catalogingest.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.WireRecord;
import io.micrometer.observation.ObservationRegistry;

/**
 * Publishes envelopes as CloudEvents binary-mode records, keyed by their subject. A record sent inside an observation
 * (an HTTP request, a record listener's record) goes through the observed template, which continues that trace into
 * the record's {@code traceparent}; one sent outside any (the batch listener's outbox events, the relay, scheduled
 * jobs) goes through the untraced template on the same producer: an observation there would only start a new trace of
 * its own per record, a measurable per-event cost on the product batch path (docs/benchmarks/products.md).
 */
public class MessagePublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaTemplate<String, byte[]> untraced;
    private final ObservationRegistry observations;
    private final EnvelopeCodec codec;
    private final TopicProperties topics;
    private final Duration sendTimeout;

    /** Every record through {@code kafka}. */
    public MessagePublisher(KafkaTemplate<String, byte[]> kafka, EnvelopeCodec codec, TopicProperties topics,
                            Duration sendTimeout) {
        this(kafka, kafka, ObservationRegistry.NOOP, codec, topics, sendTimeout);
    }

    /**
     * Records sent while {@code observations} has a current observation through {@code kafka}, the others through
     * {@code untraced}.
     */
    public MessagePublisher(KafkaTemplate<String, byte[]> kafka, KafkaTemplate<String, byte[]> untraced,
                            ObservationRegistry observations, EnvelopeCodec codec, TopicProperties topics,
                            Duration sendTimeout) {
        this.kafka = kafka;
        this.untraced = untraced;
        this.observations = observations;
        this.codec = codec;
        this.topics = topics;
        this.sendTimeout = sendTimeout;
    }

    /** Sends without waiting. */
    public CompletableFuture<SendResult<String, byte[]>> send(String baseTopic, Envelope<?> envelope) {
        return send(baseTopic, codec.encode(envelope));
    }

    /** Sends a record encoded before (e.g. read back from the outbox) without waiting. */
    public CompletableFuture<SendResult<String, byte[]>> send(String baseTopic, WireRecord wire) {
        List<Header> headers = new ArrayList<>(wire.headers().size());
        for (Map.Entry<String, byte[]> header : wire.headers().entrySet()) {
            headers.add(new RecordHeader(header.getKey(), header.getValue()));
        }
        KafkaTemplate<String, byte[]> template = observations.getCurrentObservation() == null ? untraced : kafka;
        return template.send(new ProducerRecord<>(topics.name(baseTopic), null, wire.key(), wire.value(), headers));
    }

    /** How long a publish waits for the broker's acknowledgement. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /**
     * Sends and waits for the broker's acknowledgement.
     *
     * @throws PublishFailedException when the broker did not acknowledge in time
     */
    public void publish(String baseTopic, Envelope<?> envelope) {
        await(send(baseTopic, envelope), envelope);
    }

    /** Sends all, then waits for every acknowledgement. */
    public void publishAll(String baseTopic, List<? extends Envelope<?>> envelopes) {
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(envelopes.size());
        for (Envelope<?> envelope : envelopes) {
            sent.add(send(baseTopic, envelope));
        }
        for (int i = 0; i < sent.size(); i++) {
            await(sent.get(i), envelopes.get(i));
        }
    }

    /** What became of a record offered to the broker, as far as the producer can tell. */
    public enum Delivery {
        /** The broker acknowledged it. */
        SENT,
        /** It never left this process (the broker's address is unknown, or it was refused for good): safe to drop. */
        NOT_SENT,
        /** Sent or not, nobody can tell (no acknowledgement in time): it may still be in the log. */
        UNKNOWN
    }

    /** The delivery of one record and, unless it was sent, why. */
    public record Offer(Delivery delivery, RuntimeException failure) {

        static final Offer SENT = new Offer(Delivery.SENT, null);
    }

    /**
     * Sends and waits (at most the send timeout) for the acknowledgement, telling a record that certainly did not
     * reach the broker from one that may have: a command may be answered "not accepted" (503) only in the first case
     * (ADR 0008). The producer's {@code delivery.timeout.ms} must be shorter than the send timeout, so that an
     * acknowledgement that has not come by then never comes.
     */
    public Offer offer(String baseTopic, Envelope<?> envelope) {
        return offerAll(baseTopic, List.of(envelope)).get(0);
    }

    /** {@link #offer} for many records: all sent, then every acknowledgement awaited under one deadline. */
    public List<Offer> offerAll(String baseTopic, List<? extends Envelope<?>> envelopes) {
        List<Offer> offers = new ArrayList<>(envelopes.size());
        try {
            // blocks at most max.block.ms while the broker's metadata is unknown; nothing is sent if it fails
            kafka.partitionsFor(topics.name(baseTopic));
        } catch (RuntimeException e) {
            PublishFailedException failure = new PublishFailedException("Kafka did not answer for "
                    + topics.name(baseTopic), e);
            envelopes.forEach(envelope -> offers.add(new Offer(Delivery.NOT_SENT, failure)));
            return offers;
        }
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(envelopes.size());
        for (Envelope<?> envelope : envelopes) {
            try {
                sent.add(send(baseTopic, envelope));
            } catch (RuntimeException e) {
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (int i = 0; i < sent.size(); i++) {
            Envelope<?> envelope = envelopes.get(i);
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                offers.add(Offer.SENT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                offers.add(new Offer(Delivery.UNKNOWN, new PublishFailedException("interrupted while publishing "
                        + envelope.id(), e)));
            } catch (TimeoutException e) {
                offers.add(new Offer(Delivery.UNKNOWN, new PublishFailedException("Kafka did not acknowledge "
                        + envelope.type() + " " + envelope.id() + " in time", e)));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                boolean mayBeWritten = false;
                for (Throwable c = cause; c != null && !mayBeWritten; c = c.getCause() == c ? null : c.getCause()) {
                    mayBeWritten = c instanceof org.apache.kafka.common.errors.TimeoutException
                            || c instanceof RetriableException;
                }
                offers.add(new Offer(mayBeWritten ? Delivery.UNKNOWN : Delivery.NOT_SENT,
                        new PublishFailedException("Kafka did not acknowledge " + envelope.type() + " "
                                + envelope.id(), cause)));
            }
        }
        return offers;
    }

    private void await(CompletableFuture<SendResult<String, byte[]>> future, Envelope<?> envelope) {
        try {
            future.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing " + envelope.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("Kafka did not acknowledge " + envelope.type() + " " + envelope.id(), e);
        }
    }
}
