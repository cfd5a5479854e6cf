package io.catalogingest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@CatalogInfrastructureTest
class KafkaInfrastructureTest {

    private static Isolation isolation;

    private final Infrastructure infrastructure;

    KafkaInfrastructureTest(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    @BeforeAll
    static void isolate(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
    }

    @Test
    void startsOncePerJvm() {
        assertThat(SharedInstances.record(infrastructure)).containsExactly(infrastructure);
    }

    @Test
    void createsTopicsOnFirstUse() throws Exception {
        String bootstrapServers = infrastructure.kafkaBootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(isolation.topic("auto"), "k", "v")).get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void producesAndConsumesOnAnIsolatedTopic() throws Exception {
        String topic = isolation.topic("smoke");
        String bootstrapServers = isolation.springProperties().get("spring.kafka.bootstrap-servers");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "upc-0001", "hello")).get(10, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        return !received.isEmpty();
                    });
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.topic()).startsWith(isolation.topicPrefix());
            assertThat(record.key()).isEqualTo("upc-0001");
            assertThat(record.value()).isEqualTo("hello");
        });
    }
}
