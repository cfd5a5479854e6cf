package io.catalogingest.support.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;

/**
 * The dead-letter replay against the embedded broker: records go back to their topic in order with their keys,
 * values and CloudEvents headers, without the failure headers, and progress is kept, so a second run sends only what
 * arrived since.
 */
@CatalogInfrastructureTest
class DeadLetterReplayTest {

    private static String bootstrap;
    private static String topic;

    @BeforeAll
    static void start(Infrastructure infrastructure) throws Exception {
        Isolation isolation = infrastructure.isolate();
        bootstrap = isolation.springProperties().get("spring.kafka.bootstrap-servers");
        topic = isolation.topic(Topics.CATALOG_COMMANDS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1),
                    new NewTopic(Topics.deadLetter(topic), 1, (short) 1))).all().get();
        }
    }

    @Test
    void deadLettersGoBackWithoutTheirFailureHeadersAndOnlyOnce() throws Exception {
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try (KafkaProducer<String, String> producer = producer()) {
            for (String id : ids) {
                deadLetter(producer, id);
            }
        }

        assertThat(new DeadLetterReplay(bootstrap).replay(topic)).isEqualTo(2);
        assertThat(new DeadLetterReplay(bootstrap).replay(topic)).as("nothing new").isZero();

        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<ConsumerRecord<String, String>> back = awaitRecords(consumer, 2);
            assertThat(back).extracting(ConsumerRecord::key).containsExactly("aggregate-1", "aggregate-1");
            assertThat(back).extracting(ConsumerRecord::value).containsExactly("{\"n\":" + ids.get(0).hashCode() + "}",
                    "{\"n\":" + ids.get(1).hashCode() + "}");
            assertThat(back).extracting(record -> header(record, CloudEventHeaders.ID)).containsExactlyElementsOf(ids);
            for (ConsumerRecord<String, String> record : back) {
                List<String> names = new ArrayList<>();
                record.headers().forEach(header -> names.add(header.key()));
                assertThat(names).contains(CloudEventHeaders.ID, CloudEventHeaders.TYPE)
                        .doesNotContain("kafka_dlt-exception-message", WorkerErrorHandling.REASON_HEADER);
            }

            String later = UUID.randomUUID().toString();
            try (KafkaProducer<String, String> producer = producer()) {
                deadLetter(producer, later);
            }
            assertThat(new DeadLetterReplay(bootstrap).replay(topic)).isEqualTo(1);
            List<ConsumerRecord<String, String>> third = awaitRecords(consumer, 1);
            assertThat(header(third.get(0), CloudEventHeaders.ID)).isEqualTo(later);
        }
    }

    private static void deadLetter(KafkaProducer<String, String> producer, String id) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.deadLetter(topic), "aggregate-1",
                "{\"n\":" + id.hashCode() + "}");
        record.headers().add(new RecordHeader(CloudEventHeaders.ID, id.getBytes(UTF_8)));
        record.headers().add(new RecordHeader(CloudEventHeaders.TYPE, "catalog.product.create.v1".getBytes(UTF_8)));
        record.headers().add(new RecordHeader("kafka_dlt-exception-message", "boom".getBytes(UTF_8)));
        record.headers().add(new RecordHeader(WorkerErrorHandling.REASON_HEADER, "poison".getBytes(UTF_8)));
        producer.send(record).get();
    }

    private static List<ConsumerRecord<String, String>> awaitRecords(KafkaConsumer<String, String> consumer,
                                                                     int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= count;
        });
        return records;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
