package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Invariant 5, "every outcome event leaves at least once, even after a crash between commit and publish", on the
 * whole worker: the ingest-worker commits a product with its outcome event in the outbox but never publishes it (as if
 * it died right after the commit: {@code catalog.outbox.publish-after-commit=false}, no relay); the event is not on
 * Kafka. A restarted worker's relay then publishes it, with the id recorded for the request, and empties the outbox.
 * (The separate-process fault suite does the same with {@code catalog.faults.halt-after-commit}, which halts the JVM.)
 */
@CatalogInfrastructureTest
class OutboxIT {

    private static Pipeline pipeline;
    private static Jdbi jdbi;
    private static MessagePublisher publisher;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate(), Map.of(
                "catalog.outbox.publish-after-commit", "false",
                "catalog.outbox.relay.enabled", "false"));
        jdbi = pipeline.gateway().getBean(Jdbi.class); // outlives the ingest-worker restarted below
        publisher = pipeline.gateway().getBean(MessagePublisher.class);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void anOutcomeCommittedButNotPublishedLeavesAfterTheWorkerRestarts() {
        CreateProduct product = new CreateProduct("OUTBOX-1", "Left in the outbox", null, null, null, "Artist",
                "Audio", null, false, null, null, null, null, "active", null, null, null, List.of(), List.of(),
                null, null, null);
        Envelope<CreateProduct> command = Envelope.create(CatalogMessages.CREATE_PRODUCT, "/test", "OUTBOX-1",
                "outbox-ws", UUID.randomUUID(), product);

        publisher.publish(Topics.CATALOG_COMMANDS, command);

        await().atMost(Duration.ofSeconds(60)).until(() -> recordedEventId(command.requestId()) != null);
        UUID eventId = recordedEventId(command.requestId());
        assertThat(count("select count(*) from product where tenant_id = 'outbox-ws'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox_event where event_id = '" + eventId + "'")).isEqualTo(1);
        try (KafkaConsumer<String, byte[]> events = consumer()) {
            assertThat(eventIds(events, "OUTBOX-1", Duration.ofSeconds(3))).as("not published").isEmpty();

            pipeline.ingestWorker().close();
            ConfigurableApplicationContext restarted = pipeline.startIngestWorker(Map.of(
                    "catalog.outbox.relay.enabled", "true",
                    "catalog.outbox.relay.min-age", "0s",
                    "catalog.outbox.relay.interval", "200ms"));

            List<UUID> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                published.addAll(eventIds(events, "OUTBOX-1", Duration.ofMillis(500)));
                return !published.isEmpty();
            });
            assertThat(published).containsExactly(eventId);
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from outbox") == 0);
            MeterRegistry meters = restarted.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    meters.get("catalog.outbox.backlog").gauge().value() == 0.0);
        }
        assertThat(count("select count(*) from product where tenant_id = 'outbox-ws'")).isEqualTo(1);
    }

    private static UUID recordedEventId(UUID requestId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select event_id from request_outcome where request_id = :id")
                .bind("id", requestId).mapTo(UUID.class).findOne().orElse(null));
    }

    private static long count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static List<UUID> eventIds(KafkaConsumer<String, byte[]> consumer, String key, Duration during) {
        List<UUID> ids = new ArrayList<>();
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                if (key.equals(record.key()) && id != null) {
                    ids.add(UUID.fromString(new String(id.value(), UTF_8)));
                }
            }
        }
        return ids;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.isolation().springProperties().get("spring.kafka.bootstrap-servers"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(pipeline.isolation().topic(Topics.CATALOG_EVENTS)));
        return consumer;
    }
}
