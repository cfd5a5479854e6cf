package io.catalogingest.support.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.LinkedHashMap;
import java.util.Map;

import io.catalogingest.common.envelope.WireRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Kafka record kept in a table until the broker acknowledges it — the outbox's events, the gateway's
 * unacknowledged commands (ADRs 0005, 0014): its headers as one JSON object of text values, its value as text.
 * The one place that turns a {@link WireRecord} into those columns and back.
 */
public final class StoredRecords {

    private StoredRecords() {
    }

    /** The record's headers as a JSON object of UTF-8 text values, for a {@code jsonb} column. */
    public static String headersJson(WireRecord wire, JsonMapper json) {
        Map<String, String> text = new LinkedHashMap<>();
        wire.headers().forEach((name, value) -> text.put(name, new String(value, UTF_8)));
        return json.writeValueAsString(text);
    }

    /** The record's value as text (CloudEvents binary mode: the JSON payload). */
    public static String payloadText(WireRecord wire) {
        return new String(wire.value(), UTF_8);
    }

    /** The record as it was kept, ready to send again. */
    public static WireRecord wire(String key, String headersJson, String payload, JsonMapper json) {
        JsonNode stored = json.readTree(headersJson);
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : stored.properties()) {
            headers.put(header.getKey(), header.getValue().asString().getBytes(UTF_8));
        }
        return new WireRecord(key, headers, payload.getBytes(UTF_8));
    }
}
