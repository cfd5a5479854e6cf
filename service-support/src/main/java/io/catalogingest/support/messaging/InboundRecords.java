package io.catalogingest.support.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.support.logging.LogContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Reads consumed records back into envelopes, and logs each one received at DEBUG (type, message id, subject — never
 * the value) with its ids in the MDC and inside its trace: the listener's observation when there is one (record
 * listeners), else a span continuing the W3C {@code traceparent} the record carries (batch listeners, which Spring
 * Kafka does not observe per record), so that a request's trace id shows in the worker's log. At DEBUG because it is
 * a line per message: at INFO it was a measurable share of a worker's time under load (docs/benchmarks/products.md);
 * {@code logging.level.io.catalogingest.support.messaging.InboundRecords=DEBUG} turns it on. The span and the MDC
 * are made only when the line is logged.
 */
public final class InboundRecords {

    private static final Logger log = LoggerFactory.getLogger(InboundRecords.class);
    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    };

    private final EnvelopeCodec codec;
    private final Tracer tracer;
    private final Propagator propagator;

    public InboundRecords(EnvelopeCodec codec) {
        this(codec, Tracer.NOOP, Propagator.NOOP);
    }

    public InboundRecords(EnvelopeCodec codec, Tracer tracer, Propagator propagator) {
        this.codec = codec;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * @throws io.catalogingest.common.envelope.UnreadableMessageException when the record can never be read
     */
    public Envelope<?> decode(ConsumerRecord<String, byte[]> record) {
        Envelope<?> envelope = codec.decode(headers(record), record.value());
        received(record, envelope);
        return envelope;
    }

    private void received(ConsumerRecord<String, byte[]> record, Envelope<?> envelope) {
        if (!log.isDebugEnabled()) {
            return;
        }
        boolean put = LogContext.putRecord(record);
        try {
            if (tracer.currentSpan() != null) {
                logReceived(record, envelope);
                return;
            }
            Span span = propagator.extract(record.headers(), HEADERS).name("receive " + envelope.type())
                    .kind(Span.Kind.CONSUMER).start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                logReceived(record, envelope);
            } finally {
                span.end();
            }
        } finally {
            if (put) {
                LogContext.clear();
            }
        }
    }

    private static void logReceived(ConsumerRecord<String, byte[]> record, Envelope<?> envelope) {
        log.debug("Received {} {} for {} ({}-{}@{})", envelope.type(), envelope.id(), envelope.subject(),
                record.topic(), record.partition(), record.offset());
    }

    public static Map<String, byte[]> headers(ConsumerRecord<?, ?> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }
}
