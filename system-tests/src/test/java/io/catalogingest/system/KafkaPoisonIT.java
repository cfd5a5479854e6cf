package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.support.messaging.WorkerErrorHandling;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Hostile records on the catalog command topic, as an internal producer could publish them: each goes to the
 * prefixed {@code .dlt} with the reason in its headers, the consumer never stops, and the partition keeps flowing
 * (a valid command with the same key, published after the poison, is applied).
 */
@CatalogInfrastructureTest
class KafkaPoisonIT {

    /** A header of our own, carried over to the dead-letter record: which case it was. */
    private static final String CASE = "x-test-case";

    private static Pipeline pipeline;
    private static Http http;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> deadLetters;
    private static EnvelopeCodec codec;
    private static String commands;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
        codec = pipeline.ingestWorker().getBean(EnvelopeCodec.class);
        commands = pipeline.isolation().topic(Topics.CATALOG_COMMANDS);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerProps);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        deadLetters = new KafkaConsumer<>(consumerProps);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String base : List.of(Topics.CATALOG_COMMANDS, Topics.RELEASE_COMMANDS)) {
            String dlt = pipeline.isolation().topic(Topics.deadLetter(base));
            deadLetters.partitionsFor(dlt, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(dlt, info.partition())));
        }
        deadLetters.assign(partitions);
        deadLetters.seekToBeginning(partitions);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndThePartitionKeepsFlowing() throws Exception {
        String key = "POISON-1";
        WireRecord valid = wire(key, "tenant-a", product(key, "After the poison"));
        Map<String, Poison> cases = new LinkedHashMap<>();
        cases.put("no headers at all", new Poison(headers -> Map.of(), valid.value(), "missing header"));
        cases.put("no ce_tenantid", new Poison(without(CloudEventHeaders.TENANT_ID), valid.value(),
                "missing header " + CloudEventHeaders.TENANT_ID));
        cases.put("no ce_id", new Poison(without(CloudEventHeaders.ID), valid.value(),
                "missing header " + CloudEventHeaders.ID));
        cases.put("no ce_subject", new Poison(without(CloudEventHeaders.SUBJECT), valid.value(),
                "missing header " + CloudEventHeaders.SUBJECT));
        cases.put("ce_id not a UUID", new Poison(with(CloudEventHeaders.ID, "1' or '1'='1"), valid.value(),
                "not a UUID"));
        cases.put("unknown ce_type", new Poison(with(CloudEventHeaders.TYPE, "catalog.product.explode.v1"),
                valid.value(), "unknown ce_type"));
        cases.put("a Java class name as ce_type", new Poison(with(CloudEventHeaders.TYPE,
                "io.catalogingest.common.catalog.CreateProduct"), valid.value(), "unknown ce_type"));
        cases.put("an event on the command topic", new Poison(with(CloudEventHeaders.TYPE,
                CatalogMessages.PRODUCT_CREATED.id()), "{\"productId\": \"POISON-1\"}".getBytes(UTF_8),
                "PoisonMessageException"));
        cases.put("unparsable value", new Poison(headers -> headers, "{\"productId\": \"POISON-1\", \"title\": "
                .getBytes(UTF_8), "cannot be read"));
        cases.put("not JSON at all", new Poison(headers -> headers, new byte[] {(byte) 0xC3, 0x28, 0x00, 0x01},
                "cannot be read"));
        cases.put("JSON of the wrong shape", new Poison(headers -> headers, "[1, 2, 3]".getBytes(UTF_8),
                "cannot be read"));
        cases.put("empty value", new Poison(headers -> headers, new byte[0], "empty value"));
        cases.put("another content type", new Poison(with(CloudEventHeaders.CONTENT_TYPE, "application/xml"),
                valid.value(), "unsupported content-type"));
        cases.put("another spec version", new Poison(with(CloudEventHeaders.SPEC_VERSION, "0.3"), valid.value(),
                "ce_specversion"));
        cases.put("ce_time not a time", new Poison(with(CloudEventHeaders.TIME, "yesterday"), valid.value(),
                "ce_time"));
        cases.put("a control character in ce_type", new Poison(with(CloudEventHeaders.TYPE, "evil\ninjected log line"),
                valid.value(), "unknown ce_type 'evil?injected"));

        for (Map.Entry<String, Poison> poison : cases.entrySet()) {
            Map<String, byte[]> headers = new HashMap<>(poison.getValue().headers().apply(valid.headers()));
            headers.put(CASE, poison.getKey().getBytes(UTF_8));
            send(key, headers, poison.getValue().value());
        }
        send(key, valid.headers(), valid.value());

        // the valid command behind the poison, on the same partition, is applied
        String token = Tokens.user("tenant-a");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(http.get("/product/" + key, token).status()).isEqualTo(200));
        assertThat(http.get("/product/" + key, token).json().path("product").path("title").asString())
                .isEqualTo("After the poison");

        Map<String, ConsumerRecord<String, byte[]>> dead = deadLettersFor(cases.keySet());
        cases.forEach((name, poison) -> {
            ConsumerRecord<String, byte[]> record = dead.get(name);
            assertThat(record.key()).isEqualTo(key);
            assertThat(header(record, WorkerErrorHandling.REASON_HEADER)).as(name).contains(poison.reason());
            assertThat(header(record, "kafka_dlt-exception-fqcn")).as(name).isNotBlank();
            assertThat(header(record, "kafka_dlt-original-topic")).as(name).isEqualTo(commands);
            assertThat(header(record, "kafka_dlt-original-offset")).as(name).isNotBlank();
            assertThat(record.value()).as(name).isEqualTo(poison.value());
        });
        assertThat(dead.values()).noneMatch(record -> header(record, WorkerErrorHandling.REASON_HEADER)
                .contains("\n"));

        // the consumer is still running, and the gateway's flow still works end to end
        KafkaListenerEndpointRegistry listeners = pipeline.ingestWorker().getBean(KafkaListenerEndpointRegistry.class);
        assertThat(listeners.getListenerContainer("ingest-catalog-commands").isRunning()).isTrue();
        assertThat(http.postJson("/product", token, Map.of("title", "Still flowing", "id", "POISON-2")).status())
                .isEqualTo(201);
    }

    @Test
    void aCommandOfAnotherTenantCannotTouchTheOwnersProduct() throws Exception {
        String owner = Tokens.user("tenant-a");
        assertThat(http.postJson("/product", owner, Map.of("title", "Owned by A", "id", "POISON-OWNED")).status())
                .isEqualTo(201);

        // an internal producer publishes tenant-b's command for the same id
        WireRecord intruder = wire("POISON-OWNED", "tenant-b", product("POISON-OWNED", "Written by B"));
        send(intruder.key(), intruder.headers(), intruder.value());

        // tenant-b gets a product of its own (ids are per tenant); tenant-a's is untouched
        String other = Tokens.user("tenant-b");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(http.get("/product/POISON-OWNED", other).status()).isEqualTo(200));
        assertThat(http.get("/product/POISON-OWNED", owner).json().path("product").path("title").asString())
                .isEqualTo("Owned by A");
        assertThat(http.get("/product/POISON-OWNED", other).json().path("product").path("title").asString())
                .isEqualTo("Written by B");
    }

    @Test
    void aCatalogCommandKeyedByAnotherAggregateIsDeadLettered() throws Exception {
        // ordering and dedupe hang on the key: a command about product Y keyed as product X is forged or broken
        WireRecord valid = wire("POISON-KEYED-Y", "tenant-a", product("POISON-KEYED-Y", "Keyed wrongly"));
        Map<String, byte[]> headers = new HashMap<>(valid.headers());
        headers.put(CloudEventHeaders.SUBJECT, "POISON-KEYED-X".getBytes(UTF_8));
        headers.put(CASE, "keyed by another product".getBytes(UTF_8));
        send("POISON-KEYED-X", headers, valid.value());

        ConsumerRecord<String, byte[]> dead = deadLettersByCase(Map.of()).apply("keyed by another product");

        assertThat(header(dead, WorkerErrorHandling.REASON_HEADER)).contains("PoisonMessageException");
        String token = Tokens.user("tenant-a");
        assertThat(http.get("/product/POISON-KEYED-Y", token).status()).isEqualTo(404);
        assertThat(http.get("/product/POISON-KEYED-X", token).status()).isEqualTo(404);
    }

    @Test
    void releaseCommandsOfAnotherTenantOrKeyedByAnotherReleaseChangeNothing() throws Exception {
        String owner = Tokens.user("tenant-a");
        Http.Answer created = http.postJson("/releases", owner, Map.of("title", "A's release",
                "displayArtist", "Someone", "artists", Map.of("Someone", "primary"), "format", "single",
                "type", "Audio", "tracks", List.of(Map.of("title", "Song", "artists", Map.of("Someone", "primary")))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String release = created.json().path("data").path("id").asString();

        // tenant-b submits tenant-a's release; a submit keyed by another release; tenant-b registers A's object
        UUID foreignSubmit = UUID.randomUUID();
        sendRaw(release, "tenant-b", foreignSubmit, "catalog.release.submit.v1",
                Map.of("releaseId", release), "tenant-b submits A's release");
        sendRaw(UUID.randomUUID().toString(), "tenant-a", UUID.randomUUID(), "catalog.release.submit.v1",
                Map.of("releaseId", release), "submit keyed by another release");
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("mediaId", UUID.randomUUID().toString());
        media.put("releaseId", release);
        media.put("trackId", null);
        media.put("bucket", pipeline.isolation().tempBucket());
        media.put("objectKey", "tenant-a/releases/" + release + "/release/cover.png");
        media.put("name", "cover.png");
        media.put("clientFileName", "cover.png");
        media.put("size", 10);
        media.put("sha256", "0".repeat(64));
        media.put("declaredContentType", "image/png");
        media.put("uploadedAt", java.time.Instant.now().toString());
        sendRaw(release, "tenant-b", UUID.randomUUID(), "catalog.media.register.v1", media,
                "tenant-b registers A's object");

        java.util.function.Function<String, ConsumerRecord<String, byte[]>> dead = deadLettersByCase(Map.of());
        assertThat(header(dead.apply("submit keyed by another release"), WorkerErrorHandling.REASON_HEADER))
                .contains("PoisonMessageException");
        assertThat(header(dead.apply("tenant-b registers A's object"), WorkerErrorHandling.REASON_HEADER))
                .contains("PoisonMessageException", "not an upload of release");
        // the foreign submit is refused: dead-lettered, or answered with a rejection (the release is not B's)
        org.jdbi.v3.core.Jdbi jdbi = pipeline.gateway().getBean(org.jdbi.v3.core.Jdbi.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbi.withHandle(handle -> handle.createQuery(
                        "select count(*) from request_outcome where request_id = :id and outcome = 'rejected'")
                .bind("id", foreignSubmit).mapTo(Long.class).one()) == 1 || dead.apply(null) != null);
        JsonNode read = http.get("/releases/" + release, owner).json().path("data");
        assertThat(read.path("status").asString()).isEqualTo("draft");
        assertThat(http.get("/releases/" + release + "/media", owner).json().path("data")).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** How a valid record is spoiled, and the reason its dead-letter copy must give. */
    record Poison(UnaryOperator<Map<String, byte[]>> headers, byte[] value, String reason) {
    }

    private static UnaryOperator<Map<String, byte[]>> without(String name) {
        return headers -> {
            Map<String, byte[]> changed = new HashMap<>(headers);
            changed.remove(name);
            return changed;
        };
    }

    private static UnaryOperator<Map<String, byte[]>> with(String name, String value) {
        return headers -> {
            Map<String, byte[]> changed = new HashMap<>(headers);
            changed.put(name, value.getBytes(UTF_8));
            return changed;
        };
    }

    private static CreateProduct product(String id, String title) {
        return new CreateProduct(id, title, null, null, null, null, "Audio", null, false, null, null, null, null,
                "active", null, null, null, List.of(), List.of(), null, null, null);
    }

    private static WireRecord wire(String subject, String tenant, CreateProduct product) {
        return codec.encode(Envelope.create(CatalogMessages.CREATE_PRODUCT, "/kafka-poison-it", subject, tenant,
                UUID.randomUUID(), product));
    }

    private static void send(String key, Map<String, byte[]> headers, byte[] value) throws Exception {
        List<Header> recordHeaders = new ArrayList<>();
        headers.forEach((name, bytes) -> recordHeaders.add(new RecordHeader(name, bytes)));
        producer.send(new ProducerRecord<>(commands, null, key, value, recordHeaders)).get(30, TimeUnit.SECONDS);
    }

    /** Every dead letter seen so far, by the case header of the record it came from. */
    private static final Map<String, ConsumerRecord<String, byte[]>> DEAD = new java.util.concurrent.ConcurrentHashMap<>();

    private static Map<String, ConsumerRecord<String, byte[]>> deadLettersFor(java.util.Set<String> cases) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            pollDeadLetters();
            return DEAD.keySet().containsAll(cases);
        });
        return new HashMap<>(DEAD);
    }

    /**
     * A lookup that waits (bounded) for the dead letter of a case; {@code apply(null)} polls once and answers the
     * foreign-submit case's dead letter, or null.
     */
    private static java.util.function.Function<String, ConsumerRecord<String, byte[]>> deadLettersByCase(
            Map<String, String> unused) {
        return name -> {
            if (name == null) {
                pollDeadLetters();
                return DEAD.get("tenant-b submits A's release");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                pollDeadLetters();
                return DEAD.containsKey(name);
            });
            return DEAD.get(name);
        };
    }

    private static synchronized void pollDeadLetters() {
        for (ConsumerRecord<String, byte[]> record : deadLetters.poll(Duration.ofMillis(500))) {
            String name = header(record, CASE);
            if (name != null) {
                DEAD.put(name, record);
            }
        }
    }

    /** A record built by hand, as a producer in any language would. */
    private static void sendRaw(String key, String tenant, UUID requestId, String type, Map<String, Object> payload,
                                String name) throws Exception {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(UTF_8));
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
        headers.put(CloudEventHeaders.SOURCE, "/kafka-poison-it".getBytes(UTF_8));
        headers.put(CloudEventHeaders.TYPE, type.getBytes(UTF_8));
        headers.put(CloudEventHeaders.TIME, java.time.Instant.now().toString().getBytes(UTF_8));
        headers.put(CloudEventHeaders.SUBJECT, key.getBytes(UTF_8));
        headers.put(CloudEventHeaders.TENANT_ID, tenant.getBytes(UTF_8));
        headers.put(CloudEventHeaders.REQUEST_ID, requestId.toString().getBytes(UTF_8));
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(UTF_8));
        headers.put(CASE, name.getBytes(UTF_8));
        List<Header> recordHeaders = new ArrayList<>();
        headers.forEach((header, bytes) -> recordHeaders.add(new RecordHeader(header, bytes)));
        producer.send(new ProducerRecord<>(pipeline.isolation().topic(Topics.RELEASE_COMMANDS), null, key,
                Http.JSON.writeValueAsBytes(payload), recordHeaders)).get(30, TimeUnit.SECONDS);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }
}
