package io.catalogingest.support.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.catalogingest.common.Messages;
import io.catalogingest.common.catalog.ArtistCreated;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.messaging.TopicProperties;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one idempotent-consumer path wired by hand over real infrastructure, as the services wire it: a migrated
 * schema of its own, Jdbi, a Kafka publisher on its own topic prefix, and a reader of the events that reached Kafka.
 * Public for the tests of the other packages (the dispatch's applier).
 */
public final class OnePath implements AutoCloseable {

    static final String SOURCE = "/one-path-test";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final Isolation isolation;
    public final Jdbi jdbi;
    final MessagePublisher publisher;
    public final EnvelopeCodec codec = new EnvelopeCodec(Messages.registry(), JSON);
    final MessageLedger ledger = new MessageLedger(JSON, Messages.registry());
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final List<KafkaConsumer<String, byte[]>> consumers = new CopyOnWriteArrayList<>();

    public OnePath(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        Map<String, String> properties = isolation.springProperties();
        jdbi = CatalogJdbi.create(isolation.migratedDataSource());
        jdbi.useHandle(handle -> handle.execute(
                "create table note (tenant_id text, id text, primary key (tenant_id, id))"));

        String bootstrap = properties.get("spring.kafka.bootstrap-servers");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(isolation.topic(Topics.CATALOG_EVENTS), 3, (short) 1),
                    new NewTopic(isolation.topic(Topics.RELEASE_EVENTS), 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test topics", e);
        }
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        publisher = new MessagePublisher(new KafkaTemplate<>(producers), codec,
                new TopicProperties(isolation.topicPrefix(), 3, 1, 0), Duration.ofSeconds(10));
    }

    Outbox outbox(boolean publishAfterCommit, int haltAfterCommit, Runnable halt) {
        return new Outbox(jdbi, publisher, codec, JSON, properties(publishAfterCommit, Duration.ZERO),
                haltAfterCommit, halt);
    }

    public Outbox outbox() {
        return outbox(true, 0, () -> {
            throw new AssertionError("no halt expected");
        });
    }

    static OutboxProperties properties(boolean publishAfterCommit, Duration minAge) {
        return new OutboxProperties(publishAfterCommit,
                new OutboxProperties.Relay(true, Duration.ofMillis(200), minAge, 100));
    }

    public AppliedOnce appliedOnce(Outbox outbox) {
        return new AppliedOnce(jdbi, ledger, outbox);
    }

    /** A create-artist command of a fresh request. */
    public static Envelope<CreateArtist> command(String tenant, String id) {
        return Envelope.create(CatalogMessages.CREATE_ARTIST, SOURCE, id, tenant, UUID.randomUUID(),
                new CreateArtist(id, "Artist " + id, null, null, null));
    }

    /** Its success: a row in {@code note}, and ArtistCreated. */
    public static Outcome created(org.jdbi.v3.core.Handle handle, Envelope<CreateArtist> command) {
        handle.createUpdate("insert into note (tenant_id, id) values (:tenant, :id)")
                .bind("tenant", command.tenantId()).bind("id", command.payload().artistId()).execute();
        return Outcome.success("artist", command.payload().artistId(), 201, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.ARTIST_CREATED, SOURCE, command.payload().artistId(),
                        new ArtistCreated(command.payload().artistId(), command.payload().name(),
                                command.requestId())));
    }

    public long count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    /** Reads a topic from its beginning. */
    Events events(String baseTopic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, isolation.springProperties()
                .get("spring.kafka.bootstrap-servers"));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "one-path-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(isolation.topic(baseTopic)));
        consumers.add(consumer);
        return new Events(consumer);
    }

    /** Records read so far from one topic. */
    static final class Events {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        private Events(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        /** Polls until the records with {@code key} satisfy {@code done}; returns their ce_ids in log order. */
        List<UUID> awaitIds(String key, Predicate<List<UUID>> done) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return done.test(ids(key));
            });
            return ids(key);
        }

        /** Polls for a while and returns the ce_ids of {@code key} seen so far. */
        List<UUID> pollIds(String key, Duration during) {
            long end = System.nanoTime() + during.toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return ids(key);
        }

        private List<UUID> ids(String key) {
            List<UUID> ids = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : seen) {
                Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                if (key.equals(record.key()) && id != null) {
                    ids.add(UUID.fromString(new String(id.value(), UTF_8)));
                }
            }
            return ids;
        }
    }

    @Override
    public void close() {
        consumers.forEach(KafkaConsumer::close);
        producers.destroy();
    }
}
