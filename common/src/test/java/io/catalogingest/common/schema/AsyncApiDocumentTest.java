package io.catalogingest.common.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.common.envelope.Topics;

/** docs/asyncapi.yaml describes every topic and every message type of the code, each with its published schema. */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");

    @Test
    void everyMessageTypeIsAComponentWithItsSchema() throws IOException {
        String document = Files.readString(DOCUMENT);
        List<String> missing = Messages.registry().all().stream().map(MessageType::id)
                .filter(id -> !document.contains("\n    " + id + ":\n")
                        || !document.contains("schemas/" + id + ".schema.json'"))
                .toList();
        assertThat(missing).as("message types missing from docs/asyncapi.yaml's components (or without their schema)")
                .isEmpty();
    }

    @Test
    void everyTopicAndItsDeadLetterTopicIsAChannel() throws IOException {
        String document = Files.readString(DOCUMENT);
        for (String topic : Topics.ALL) {
            assertThat(document).contains("address: " + topic + "\n", "address: " + Topics.deadLetter(topic) + "\n");
        }
    }
}
