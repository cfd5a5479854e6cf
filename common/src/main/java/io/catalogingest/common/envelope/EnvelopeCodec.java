package io.catalogingest.common.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.catalogingest.common.Ids;

/**
 * Encodes envelopes as CloudEvents binary-mode records (attributes in headers, JSON record in the value) and
 * back. The only place that knows the wire format.
 */
public final class EnvelopeCodec {

    private final MessageTypes types;
    private final JsonMapper json;

    public EnvelopeCodec(MessageTypes types, JsonMapper json) {
        this.types = types;
        this.json = json;
    }

    public WireRecord encode(Envelope<?> envelope) {
        if (types.byId(envelope.type()).isEmpty()) {
            throw new IllegalArgumentException("unknown message type " + envelope.type());
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        put(headers, CloudEventHeaders.ID, envelope.id().toString());
        put(headers, CloudEventHeaders.SOURCE, envelope.source());
        put(headers, CloudEventHeaders.TYPE, envelope.type());
        put(headers, CloudEventHeaders.TIME, envelope.time().toString());
        put(headers, CloudEventHeaders.SUBJECT, envelope.subject());
        put(headers, CloudEventHeaders.TENANT_ID, envelope.tenantId());
        if (envelope.requestId() != null) {
            put(headers, CloudEventHeaders.REQUEST_ID, envelope.requestId().toString());
        }
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new WireRecord(envelope.subject(), headers, json.writeValueAsBytes(envelope.payload()));
    }

    /**
     * Reads a record back.
     *
     * @param headers the record's headers (last value wins for a repeated name)
     * @param value   the record's value
     * @throws UnreadableMessageException when the record can never be read
     */
    public Envelope<?> decode(Map<String, byte[]> headers, byte[] value) {
        String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new UnreadableMessageException("unsupported ce_specversion '" + specVersion + "'");
        }
        String typeId = required(headers, CloudEventHeaders.TYPE);
        MessageType<?> type = types.byId(typeId)
                .orElseThrow(() -> new UnreadableMessageException("unknown ce_type '" + typeId + "'"));
        String contentType = optional(headers, CloudEventHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(CloudEventHeaders.JSON)) {
            throw new UnreadableMessageException("unsupported content-type '" + contentType + "'");
        }
        UUID id = uuid(required(headers, CloudEventHeaders.ID), CloudEventHeaders.ID);
        String requestIdText = optional(headers, CloudEventHeaders.REQUEST_ID);
        UUID requestId = requestIdText == null ? null : uuid(requestIdText, CloudEventHeaders.REQUEST_ID);
        Instant time = instant(required(headers, CloudEventHeaders.TIME));
        if (value == null || value.length == 0) {
            throw new UnreadableMessageException("empty value for " + typeId);
        }
        Object payload;
        try {
            payload = json.readValue(value, type.payloadClass());
        } catch (JacksonException e) {
            throw new UnreadableMessageException("value is not a valid " + typeId + ": " + e.getOriginalMessage(), e);
        }
        if (payload == null) {
            throw new UnreadableMessageException("value of " + typeId + " is null");
        }
        return new Envelope<>(id, required(headers, CloudEventHeaders.SOURCE), typeId, time,
                required(headers, CloudEventHeaders.SUBJECT), required(headers, CloudEventHeaders.TENANT_ID),
                requestId, payload);
    }

    private static void put(Map<String, byte[]> headers, String name, String value) {
        headers.put(name, value.getBytes(UTF_8));
    }

    private static String optional(Map<String, byte[]> headers, String name) {
        byte[] raw = headers.get(name);
        return raw == null ? null : new String(raw, UTF_8);
    }

    private static String required(Map<String, byte[]> headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isBlank()) {
            throw new UnreadableMessageException("missing header " + name);
        }
        return value;
    }

    private static UUID uuid(String text, String header) {
        return Ids.uuid(text).orElseThrow(() -> new UnreadableMessageException(header + " is not a UUID"));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnreadableMessageException("ce_time is not an RFC 3339 timestamp", e);
        }
    }
}
