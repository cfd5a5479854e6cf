package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.catalogingest.common.envelope.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every event the workers published on the two event topics of one isolated pipeline and validates each value
 * against the JSON Schema that {@code common} publishes for its {@code ce_type} (DESIGN.md §2). Run when a
 * {@link Pipeline} closes, so every system test checks the events it caused.
 */
final class EventSchemaCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new HashMap<>();
    private static final int MAX_REPORTED = 20;

    private EventSchemaCheck() {
    }

    /** The events that do not validate (type, key, what is wrong); empty when all do. */
    static List<String> violations(String bootstrapServers, String topicPrefix) {
        List<String> found = new ArrayList<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "event-schema-check-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.CATALOG_EVENTS, Topics.RELEASE_EVENTS)) {
                List<PartitionInfo> infos = consumer.partitionsFor(topicPrefix + topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return found;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!caughtUp(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    check(record).ifPresent(found::add);
                }
            }
        }
        return found.size() <= MAX_REPORTED ? found : found.subList(0, MAX_REPORTED);
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    private static Optional<String> check(ConsumerRecord<byte[], byte[]> record) {
        Header typeHeader = record.headers().lastHeader("ce_type");
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (typeHeader == null) {
            return Optional.of(where + ": no ce_type header");
        }
        String type = new String(typeHeader.value(), UTF_8);
        Schema schema = schema(type);
        if (schema == null) {
            return Optional.of(where + " (" + type + "): common publishes no schema for this type");
        }
        JsonNode value = JSON.readTree(record.value());
        List<Error> errors = schema.validate(value);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(where + " (" + type + "): " + errors.stream().limit(3)
                .map(error -> error.getInstanceLocation() + " " + error.getMessage()).toList());
    }

    private static synchronized Schema schema(String type) {
        if (LOADED.containsKey(type)) {
            return LOADED.get(type);
        }
        Schema schema = null;
        try (InputStream in = EventSchemaCheck.class.getResourceAsStream("/schemas/" + type + ".schema.json")) {
            if (in != null) {
                schema = SCHEMAS.getSchema(JSON.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOADED.put(type, schema);
        return schema;
    }
}
