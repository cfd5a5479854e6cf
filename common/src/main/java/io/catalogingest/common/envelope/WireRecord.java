package io.catalogingest.common.envelope;

import java.util.Map;

/** An encoded message: the record key, the headers in order, and the JSON value. */
public record WireRecord(String key, Map<String, byte[]> headers, byte[] value) {

    public WireRecord {
        headers = Map.copyOf(headers);
    }
}
