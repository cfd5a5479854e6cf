package io.catalogingest.support.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;

/** Reads consumed records back into envelopes. */
public final class InboundRecords {

    private final EnvelopeCodec codec;

    public InboundRecords(EnvelopeCodec codec) {
        this.codec = codec;
    }

    /**
     * @throws io.catalogingest.common.envelope.UnreadableMessageException when the record can never be read
     */
    public Envelope<?> decode(ConsumerRecord<String, byte[]> record) {
        return codec.decode(headers(record), record.value());
    }

    public static Map<String, byte[]> headers(ConsumerRecord<?, ?> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }
}
