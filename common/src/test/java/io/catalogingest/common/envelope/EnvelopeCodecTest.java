package io.catalogingest.common.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.catalogingest.common.Messages;
import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import tools.jackson.databind.json.JsonMapper;

class EnvelopeCodecTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final EnvelopeCodec codec = new EnvelopeCodec(Messages.registry(), json);

    private final CreateProduct command = new CreateProduct("PROD-001", "Summer Vibes", "123456789012", "CAT-1",
            null, "John Doe", "Audio", null, false, LocalDate.of(2024, 6, 15), null, "Pop", null, "active",
            null, null, null, List.of(new ArtistRef("artist-123", "primary")), List.of(new AssetRef("asset-789", 1)),
            json.readTree("[{\"name\":\"A\",\"role\":\"Producer\",\"share\":50}]"), json.readTree("{}"), null);

    @Test
    void roundTripKeepsEveryAttributeAndThePayload() {
        Envelope<CreateProduct> sent = Envelope.create(CatalogMessages.CREATE_PRODUCT, "/api-gateway", "PROD-001",
                "tenant-a", UUID.randomUUID(), command);

        WireRecord wire = codec.encode(sent);
        Envelope<?> received = codec.decode(wire.headers(), wire.value());

        assertThat(received).isEqualTo(sent);
        assertThat(wire.key()).isEqualTo("PROD-001");
    }

    @Test
    void headersAreCloudEventsBinaryModeWithLogicalTypeIds() {
        Envelope<CreateProduct> sent = Envelope.create(CatalogMessages.CREATE_PRODUCT, "/api-gateway", "PROD-001",
                "tenant-a", null, command);

        Map<String, byte[]> headers = codec.encode(sent).headers();

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_type")).isEqualTo("catalog.product.create.v1");
        assertThat(text(headers, "ce_id")).isEqualTo(sent.id().toString());
        assertThat(text(headers, "ce_subject")).isEqualTo("PROD-001");
        assertThat(text(headers, "ce_tenantid")).isEqualTo("tenant-a");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
        assertThat(headers).doesNotContainKey("ce_requestid");
        assertThat(new String(codec.encode(sent).value(), UTF_8)).doesNotContain("io.catalogingest");
    }

    @Test
    void unknownTypeIsUnreadable() {
        Map<String, byte[]> headers = validHeaders();
        headers.put("ce_type", "catalog.nothing.v1".getBytes(UTF_8));

        assertThatThrownBy(() -> codec.decode(headers, "{}".getBytes(UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("unknown ce_type");
    }

    @Test
    void missingHeaderIsUnreadable() {
        Map<String, byte[]> headers = validHeaders();
        headers.remove("ce_tenantid");

        assertThatThrownBy(() -> codec.decode(headers, "{}".getBytes(UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("ce_tenantid");
    }

    @Test
    void unparsableValueIsUnreadable() {
        assertThatThrownBy(() -> codec.decode(validHeaders(), "{not json".getBytes(UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("catalog.product.create.v1");
    }

    private Map<String, byte[]> validHeaders() {
        WireRecord wire = codec.encode(Envelope.create(CatalogMessages.CREATE_PRODUCT, "/test", "p", "t", null, command));
        return new HashMap<>(wire.headers());
    }

    private static String text(Map<String, byte[]> headers, String name) {
        return new String(headers.get(name), UTF_8);
    }
}
