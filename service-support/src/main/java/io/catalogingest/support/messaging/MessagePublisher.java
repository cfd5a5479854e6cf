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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.WireRecord;

/** Publishes envelopes as CloudEvents binary-mode records, keyed by their subject. */
public class MessagePublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EnvelopeCodec codec;
    private final TopicProperties topics;
    private final Duration sendTimeout;

    public MessagePublisher(KafkaTemplate<String, byte[]> kafka, EnvelopeCodec codec, TopicProperties topics,
                            Duration sendTimeout) {
        this.kafka = kafka;
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
        return kafka.send(new ProducerRecord<>(topics.name(baseTopic), null, wire.key(), wire.value(), headers));
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
