package io.catalogingest.common.review;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.common.envelope.UnreadableMessageException;
import io.catalogingest.common.envelope.WireRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published JSON Schemas of the review events agree with the records the worker reads. */
class ReviewSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EnvelopeCodec CODEC = new EnvelopeCodec(Messages.registry(), JSON);

    @ParameterizedTest
    @ValueSource(strings = {"catalog.release.approved.v1", "catalog.release.rejected.v1"})
    void schemaNamesExactlyTheRecordsFieldsAndItsExamplesAreReadable(String typeId) throws IOException {
        JsonNode schema = schema(typeId + ".schema.json");
        MessageType<?> type = Messages.registry().byId(typeId).orElseThrow();

        List<String> properties = schema.path("properties").propertyNames().stream().sorted().toList();
        List<String> components = Arrays.stream(type.payloadClass().getRecordComponents())
                .map(component -> component.getName()).sorted().toList();
        assertThat(properties).isEqualTo(components);
        assertThat(schema.path("required").valueStream().map(JsonNode::asString).toList())
                .contains("releaseId").isSubsetOf(properties);
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();

        for (JsonNode example : schema.path("examples")) {
            String releaseId = example.path("releaseId").asString();
            Envelope<?> read = CODEC.decode(headers(typeId, releaseId), example.toString().getBytes(UTF_8));
            assertThat(read.type()).isEqualTo(typeId);
            assertThat(read.subject()).isEqualTo(releaseId);
            assertThat(read.payload()).hasFieldOrPropertyWithValue("releaseId", releaseId)
                    .hasFieldOrPropertyWithValue("feedback", example.path("feedback").asString());
        }
    }

    @Test
    void theWorkersOwnEncodingMatchesTheSchema() throws IOException {
        String releaseId = UUID.randomUUID().toString();
        WireRecord wire = CODEC.encode(Envelope.create(ReviewMessages.RELEASE_REJECTED, "/api-gateway", releaseId,
                "tenant-a", null, new ReleaseRejected(releaseId, "admin-1", "Fix the artwork")));
        JsonNode value = JSON.readTree(new String(wire.value(), UTF_8));
        JsonNode schema = schema("catalog.release.rejected.v1.schema.json");

        assertThat(value.propertyNames()).isSubsetOf(schema.path("properties").propertyNames());
        assertThat(wire.key()).isEqualTo(releaseId);
        JsonNode headerSchema = schema("cloudevents-kafka-headers.schema.json");
        for (JsonNode required : headerSchema.path("required")) {
            assertThat(wire.headers()).containsKey(required.asString());
        }
    }

    @Test
    void aReviewWithoutItsTenantHeaderIsUnreadable() {
        Map<String, byte[]> headers = headers("catalog.release.approved.v1", "r-1");
        headers.remove("ce_tenantid");

        assertThatThrownBy(() -> CODEC.decode(headers, "{\"releaseId\":\"r-1\"}".getBytes(UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("ce_tenantid");
    }

    @Test
    void everyReviewMessageTypeIsRegisteredOnce() {
        for (MessageType<?> type : ReviewMessages.ALL) {
            assertThat(Messages.registry().byId(type.id())).contains(type);
        }
    }

    private static Map<String, byte[]> headers(String typeId, String subject) {
        Map<String, byte[]> headers = new HashMap<>();
        headers.put("ce_specversion", "1.0".getBytes(UTF_8));
        headers.put("ce_id", UUID.randomUUID().toString().getBytes(UTF_8));
        headers.put("ce_source", "/review-service".getBytes(UTF_8));
        headers.put("ce_type", typeId.getBytes(UTF_8));
        headers.put("ce_time", Instant.now().toString().getBytes(UTF_8));
        headers.put("ce_subject", subject.getBytes(UTF_8));
        headers.put("ce_tenantid", "tenant-a".getBytes(UTF_8));
        headers.put("content-type", "application/json".getBytes(UTF_8));
        return headers;
    }

    private static JsonNode schema(String file) throws IOException {
        try (InputStream in = ReviewSchemasTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as(file).isNotNull();
            return JSON.readTree(in);
        }
    }
}
