package io.catalogingest.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.catalogingest.common.envelope.Topics;

/**
 * Sends the records of a dead-letter topic back to the topic they came from, for an operator who fixed what made
 * them fail. Keys, values and headers travel unchanged, except the failure headers the error handler added
 * ({@code kafka_dlt-*}, {@code catalog_dlt-reason}). Consumers dedupe on {@code ce_id}, so a record that had in fact
 * been applied changes nothing. Progress is committed under a consumer group, so a second run replays only what
 * arrived since.
 */
public final class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    public static final String GROUP = "catalog-dlt-replay";

    private final String bootstrapServers;
    private final Map<String, Object> security;

    public DeadLetterReplay(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** With the client's security settings ({@link KafkaClientSecurity}): the admin's, under ACLs. */
    public DeadLetterReplay(String bootstrapServers, Map<String, Object> security) {
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
    }

    /**
     * Replays what is on {@code topic + ".dlt"} now.
     *
     * @param topic the deployed name of the original topic (with any prefix)
     * @return how many records were sent back
     */
    public int replay(String topic) {
        String deadLetters = Topics.deadLetter(topic);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetters, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            int replayed = 0;
            while (!caughtUp(consumer, end)) {
                List<Future<?>> sent = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    List<Header> headers = new ArrayList<>();
                    for (Header header : record.headers()) {
                        if (!isFailureHeader(header.key())) {
                            headers.add(header);
                        }
                    }
                    sent.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
                    replayed++;
                }
                for (Future<?> future : sent) {
                    future.get();
                }
                consumer.commitSync();
            }
            log.info("Replayed {} records from {} to {}", replayed, deadLetters, topic);
            return replayed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + deadLetters, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take a replayed record of " + deadLetters, e.getCause());
        }
    }

    private static boolean isFailureHeader(String name) {
        return name.startsWith("kafka_dlt-") || name.equals(WorkerErrorHandling.REASON_HEADER);
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.putAll(security);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.putAll(security);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /**
     * {@code DeadLetterReplay TOPIC...}: replays the dead letters of each topic, with Kafka at
     * {@code KAFKA_BOOTSTRAP_SERVERS} (default 127.0.0.1:9092), logged in as {@code KAFKA_USERNAME} [admin] with
     * {@code KAFKA_PASSWORD} when {@code KAFKA_SECURITY_PROTOCOL} is SASL_* ({@link KafkaClientSecurity}): the admin
     * principal, which alone may write every topic.
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("name the topics whose dead letters to replay, e.g. "
                    + Topics.CATALOG_COMMANDS);
        }
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        DeadLetterReplay replay = new DeadLetterReplay(bootstrap,
                KafkaClientSecurity.fromEnvironment(System::getenv, KafkaGrants.ADMIN));
        for (String topic : args) {
            replay.replay(topic);
        }
    }
}
