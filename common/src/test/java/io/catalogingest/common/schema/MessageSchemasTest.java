package io.catalogingest.common.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.MessageType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every message type has a published JSON Schema in {@code src/main/resources/schemas/}, and the generated ones match
 * their records. After changing a record, regenerate them:
 * {@code ./mvnw -B -q -pl common test -Dtest=MessageSchemasTest -Dcatalog.schemas.write=true}.
 * The review events' schemas are written by hand (descriptions, limits, examples; ReviewSchemasTest holds them to
 * their records).
 */
class MessageSchemasTest {

    static final Set<String> WRITTEN_BY_HAND = Set.of("catalog.release.approved.v1", "catalog.release.rejected.v1");
    private static final Path SOURCE_DIR = Path.of("src/main/resources/schemas");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final PayloadSchemas SCHEMAS = new PayloadSchemas(JSON);
    private static final SchemaRegistry VALIDATORS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<MessageType<?>> generatedTypes() {
        return Messages.registry().all().stream().filter(type -> !WRITTEN_BY_HAND.contains(type.id()));
    }

    @Test
    void everyMessageTypeHasASchema() {
        List<String> missing = new ArrayList<>();
        for (MessageType<?> type : Messages.registry().all()) {
            if (MessageSchemasTest.class.getResource("/schemas/" + type.id() + ".schema.json") == null) {
                missing.add(type.id());
            }
        }
        assertThat(missing).as("message types without schemas/<type>.schema.json; regenerate them (see the class "
                + "comment)").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("generatedTypes")
    void thePublishedSchemaIsTheOneItsRecordGives(MessageType<?> type) throws IOException {
        ObjectNode expected = SCHEMAS.schemaOf(type);
        if (Boolean.getBoolean("catalog.schemas.write")) {
            Files.createDirectories(SOURCE_DIR);
            Files.writeString(SOURCE_DIR.resolve(type.id() + ".schema.json"), JSON.writeValueAsString(expected) + "\n");
            return;
        }
        assertThat(published(type.id())).as("schemas/%s.schema.json is out of date with %s; regenerate it (see the "
                + "class comment)", type.id(), type.payloadClass().getSimpleName()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("generatedTypes")
    void theSchemaIsValidJsonSchemaThatRefusesUnknownFields(MessageType<?> type) throws IOException {
        Schema schema = VALIDATORS.getSchema(published(type.id()));
        ObjectNode unknownField = JSON.createObjectNode().put("surelyNotAField", "x");
        List<Error> errors = schema.validate(unknownField);
        assertThat(errors).as("a value with an unknown field").isNotEmpty();
    }

    static JsonNode published(String typeId) throws IOException {
        try (InputStream in = MessageSchemasTest.class.getResourceAsStream("/schemas/" + typeId + ".schema.json")) {
            assertThat(in).as("schemas/%s.schema.json", typeId).isNotNull();
            return JSON.readTree(in);
        }
    }
}
