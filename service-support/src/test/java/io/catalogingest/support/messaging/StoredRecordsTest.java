package io.catalogingest.support.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.WireRecord;
import tools.jackson.databind.json.JsonMapper;

/** A record kept in a table (outbox, unacknowledged commands) goes out again byte for byte as it was encoded. */
class StoredRecordsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aKeptRecordComesBackWithTheSameKeyHeadersAndValue() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("ce_id", "7d1c1f7e-3f57-4f0e-9d0a-3c1b7e0e2a11".getBytes(UTF_8));
        headers.put("ce_type", "catalog.product.created.v1".getBytes(UTF_8));
        headers.put("ce_subject", "Björk — \"Homogenic\" \\ 1997".getBytes(UTF_8));
        byte[] value = "{\"title\":\"Jóga\",\"artists\":[\"Björk\"]}".getBytes(UTF_8);
        WireRecord original = new WireRecord("PROD-ü1", headers, value);

        WireRecord back = StoredRecords.wire(original.key(), StoredRecords.headersJson(original, json),
                StoredRecords.payloadText(original), json);

        assertThat(back.key()).isEqualTo("PROD-ü1");
        assertThat(back.headers().keySet()).containsExactlyInAnyOrder("ce_id", "ce_type", "ce_subject");
        back.headers().forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(headers.get(name)));
        assertThat(back.value()).isEqualTo(value);
    }
}
