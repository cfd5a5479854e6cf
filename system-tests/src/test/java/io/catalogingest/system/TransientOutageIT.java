package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.catalogingest.testsupport.StoppablePostgres;

/**
 * Acknowledged work is not stranded by an outage: a command that arrives while the ingest-worker's database is down
 * is retried (with backoff) for as long as the outage lasts — far longer than the error handler's bounded retries —
 * and applied once the database is back; nothing goes to the dead-letter topic.
 */
@CatalogInfrastructureTest
class TransientOutageIT {

    /**
     * The bounded retries of a failing record give up once their backoff intervals add up to this (a few attempts of
     * ~0.6 s each here); the outage below lasts much longer.
     */
    private static final Duration MAX_ELAPSED = Duration.ofMillis(300);
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    private static StoppablePostgres postgres;
    private static Pipeline pipeline;
    private static String jdbcUrl;
    private static Isolation isolation;
    private static String bootstrap;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        bootstrap = infrastructure.kafkaBootstrapServers();
        postgres = StoppablePostgres.create();
        postgres.createSchema(isolation.schema());
        jdbcUrl = postgres.jdbcUrl() + "?currentSchema=" + isolation.schema();
        pipeline = Pipeline.empty(isolation);
        pipeline.startIngestWorker(Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", postgres.user(),
                "spring.datasource.password", postgres.password(),
                "spring.datasource.hikari.connection-timeout", "300",
                "catalog.retry.initial-interval", "100ms",
                "catalog.retry.max-interval", "100ms",
                "catalog.retry.outage-max-interval", "1s",
                "catalog.retry.max-elapsed", MAX_ELAPSED.toMillis() + "ms"));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aCommandThatArrivesDuringADatabaseOutageIsAppliedWhenTheDatabaseIsBackNotDeadLettered() throws Exception {
        String productId = "P-" + UUID.randomUUID();
        postgres.killImmediately();
        try {
            pipeline.ingestWorker().getBean(MessagePublisher.class).publish(Topics.CATALOG_COMMANDS,
                    Envelope.create(CatalogMessages.CREATE_PRODUCT, "/transient-outage-it", productId, "outage-ws",
                            UUID.randomUUID(), new CreateProduct(productId, "Outage", null, null, null, null, "Audio",
                                    null, false, null, null, null, null, "active", null, null, null, List.of(),
                                    List.of(), null, null, null)));

            // far longer than the bounded retries: the record must stay out of the dead-letter topic
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5))
                    .until(() -> deadLetters(Topics.CATALOG_COMMANDS) == 0);
        } finally {
            postgres.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> productExists("outage-ws", productId));
        assertThat(deadLetters(Topics.CATALOG_COMMANDS)).isZero();
    }

    private static boolean productExists(String tenant, String id) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from product where tenant_id = ? and id = ?")) {
            query.setString(1, tenant);
            query.setString(2, id);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    /** How many records the dead-letter topic of {@code base} holds. */
    private static long deadLetters(String base) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            String topic = isolation.topic(Topics.deadLetter(base));
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }
}
