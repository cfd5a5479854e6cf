package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.ReplaceProductAssets;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.upc.Gtin;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/**
 * The ingest-worker's side of products, fed straight from Kafka: redelivered records, a record that cannot be read
 * in the middle of a batch, and many products created by two worker instances of one consumer group at once.
 */
@CatalogInfrastructureTest
class ProductIngestionIT {

    private static final String LISTENER = "ingest-catalog-commands";

    private static Pipeline pipeline;
    private static ConfigurableApplicationContext firstWorker;
    private static Jdbi jdbi;
    private static MessagePublisher publisher;
    private static Http http;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        firstWorker = pipeline.ingestWorker();
        jdbi = firstWorker.getBean(Jdbi.class);
        publisher = pipeline.gateway().getBean(MessagePublisher.class);
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theSameRecordDeliveredTwiceCreatesOneProduct() {
        UUID requestId = UUID.randomUUID();
        Envelope<CreateProduct> command = create("redelivery-ws", "REDELIVERED-1", null, requestId);

        publisher.publish(Topics.CATALOG_COMMANDS, command);
        publisher.publish(Topics.CATALOG_COMMANDS, command);
        Envelope<CreateProduct> sameIdOtherMessage = create("redelivery-ws", "REDELIVERED-1", null,
                UUID.randomUUID());
        publisher.publish(Topics.CATALOG_COMMANDS, sameIdOtherMessage);

        await().atMost(Duration.ofSeconds(60)).until(() -> outcomeStatus(sameIdOtherMessage.requestId()) != null);
        assertThat(count("select count(*) from product where tenant_id = 'redelivery-ws'")).isEqualTo(1);
        assertThat(outcomeStatus(requestId)).isEqualTo(201);
        assertThat(outcomeStatus(sameIdOtherMessage.requestId())).isEqualTo(409);
        assertThat(count("select count(*) from processed_message where message_id = '" + command.id() + "'"))
                .isEqualTo(1);
    }

    @Test
    void anUnreadableRecordGoesAloneToTheDeadLetterTopic() {
        // three records of one key, so one partition, in this order: a create, garbage, a change of the same product
        Envelope<CreateProduct> before = create("dlt-ws", "BEFORE-POISON", null, null);
        Envelope<ReplaceProductAssets> after = Envelope.create(CatalogMessages.REPLACE_PRODUCT_ASSETS, "/test",
                "BEFORE-POISON", "dlt-ws", UUID.randomUUID(), new ReplaceProductAssets("BEFORE-POISON", List.of()));
        Envelope<CreateProduct> misKeyed = withSubject(create("dlt-ws", "MIS-KEYED", null, null), "BEFORE-POISON");
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, byte[]> kafka = pipeline.gateway().getBean(KafkaTemplate.class);

        publisher.publish(Topics.CATALOG_COMMANDS, before);
        kafka.send(new ProducerRecord<>(pipeline.isolation().topic(Topics.CATALOG_COMMANDS), "BEFORE-POISON",
                "not an envelope".getBytes(StandardCharsets.UTF_8))).join();
        publisher.publish(Topics.CATALOG_COMMANDS, misKeyed);
        publisher.publish(Topics.CATALOG_COMMANDS, after);

        await().atMost(Duration.ofSeconds(60)).until(() -> outcomeStatus(after.requestId()) != null);
        assertThat(outcomeStatus(after.requestId())).isEqualTo(200);
        assertThat(count("select count(*) from product where tenant_id = 'dlt-ws'")).isEqualTo(1);
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(pipeline.isolation().topic(Topics.deadLetter(Topics.CATALOG_COMMANDS))));
            List<String> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> dead.add(record.key() + ":"
                        + new String(record.value(), StandardCharsets.UTF_8).substring(0, 5)));
                return dead.size() >= 2;
            });
            assertThat(dead).containsExactly("BEFORE-POISON:not a", "BEFORE-POISON:{\"pro");
        }
    }

    @Test
    void twoWorkspacesAllocateAtOnceEachFromItsOwnBlockWithoutADuplicateUpc() {
        Workspaces.addBlock(http, "many-a", "0614151", 0, 9999);
        Workspaces.addBlock(http, "many-b", "0614152", 0, 9999);
        ConfigurableApplicationContext second = pipeline.startIngestWorker(Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> hasPartitions(firstWorker) && hasPartitions(second));
        int perTenant = 300;
        List<Envelope<?>> commands = new ArrayList<>();
        for (int i = 0; i < perTenant; i++) {
            // interleaved, so both workspaces allocate at the same time, on two workers
            commands.add(create("many-a", "MANY-A-" + i, null, UUID.randomUUID()));
            commands.add(create("many-b", "MANY-B-" + i, null, UUID.randomUUID()));
        }

        publisher.publishAll(Topics.CATALOG_COMMANDS, commands);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count(*) from product where tenant_id in ('many-a', 'many-b')") == 2L * perTenant);
        List<String> upcs = jdbi.withHandle(handle -> handle.createQuery(
                "select upc from product where tenant_id in ('many-a', 'many-b')").mapTo(String.class).list());
        assertThat(upcs).hasSize(2 * perTenant).doesNotHaveDuplicates().allMatch(Gtin::isValid);
        assertThat(upcsOf("many-a")).hasSize(perTenant).allMatch(upc -> upc.startsWith("0614151"));
        assertThat(upcsOf("many-b")).hasSize(perTenant).allMatch(upc -> upc.startsWith("0614152"));
        assertThat(count("select count(*) from request_outcome where tenant_id in ('many-a', 'many-b') "
                + "and resource_type = 'product' and http_status = 201")).isEqualTo(2L * perTenant);
    }

    private static List<String> upcsOf(String tenant) {
        return jdbi.withHandle(handle -> handle.createQuery("select upc from product where tenant_id = :tenant")
                .bind("tenant", tenant).mapTo(String.class).list());
    }

    private static boolean hasPartitions(ConfigurableApplicationContext worker) {
        MessageListenerContainer container = worker.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(LISTENER);
        return container != null && container.getAssignedPartitions() != null
                && !container.getAssignedPartitions().isEmpty();
    }

    private static Envelope<CreateProduct> create(String tenant, String productId, String upc, UUID requestId) {
        CreateProduct product = new CreateProduct(productId, "Title " + productId, upc, null, null, "Artist",
                "Audio", null, false, null, null, null, null, "active", null, null, null, List.of(), List.of(),
                null, null, null);
        return Envelope.create(CatalogMessages.CREATE_PRODUCT, "/test", productId, tenant, requestId, product);
    }

    private static <T> Envelope<T> withSubject(Envelope<T> envelope, String subject) {
        return new Envelope<>(envelope.id(), envelope.source(), envelope.type(), envelope.time(), subject,
                envelope.tenantId(), envelope.requestId(), envelope.payload());
    }

    private static long count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static Integer outcomeStatus(UUID requestId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select http_status from request_outcome where request_id = :id")
                .bind("id", requestId).mapTo(Integer.class).findOne().orElse(null));
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.isolation().springProperties().get("spring.kafka.bootstrap-servers"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }
}
