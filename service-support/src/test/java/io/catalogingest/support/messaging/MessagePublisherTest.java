package io.catalogingest.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

import io.catalogingest.common.Messages;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record sent inside an observation is observed by the template (its trace goes on in the record's headers); one
 * sent outside any observation goes through the untraced template and starts no observation of its own — both reach
 * the broker.
 */
@CatalogInfrastructureTest
class MessagePublisherTest {

    private static DefaultKafkaProducerFactory<String, byte[]> producers;
    private static TopicProperties topics;
    private static final EnvelopeCodec CODEC = new EnvelopeCodec(Messages.registry(), JsonMapper.builder().build());

    @BeforeAll
    static void start(Infrastructure infrastructure) throws Exception {
        Isolation isolation = infrastructure.isolate();
        String bootstrap = isolation.springProperties().get("spring.kafka.bootstrap-servers");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(isolation.topic(Topics.CATALOG_EVENTS), 1, (short) 1)))
                    .all().get();
        }
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        topics = new TopicProperties(isolation.topicPrefix(), 1, 1, 0);
    }

    @AfterAll
    static void stop() {
        if (producers != null) {
            producers.destroy();
        }
    }

    @Test
    void onlyARecordSentInsideAnObservationIsObservedAndBothAreSent() throws Exception {
        List<KafkaRecordSenderContext> observedSends = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<KafkaRecordSenderContext>() {
            @Override
            public void onStart(KafkaRecordSenderContext context) {
                observedSends.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof KafkaRecordSenderContext;
            }
        });
        observations.observationConfig().observationHandler(context -> true);
        KafkaTemplate<String, byte[]> observed = new KafkaTemplate<>(producers);
        observed.setObservationEnabled(true);
        observed.setObservationRegistry(observations);
        KafkaTemplate<String, byte[]> untraced = new KafkaTemplate<>(producers);
        untraced.setObservationEnabled(false);
        MessagePublisher publisher = new MessagePublisher(observed, untraced, observations, CODEC, topics,
                Duration.ofSeconds(10));

        SendResult<String, byte[]> outside = publisher.send(Topics.CATALOG_EVENTS, event("outside"))
                .get(30, TimeUnit.SECONDS);
        assertThat(observedSends).as("no observation of a send outside any").isEmpty();

        Observation request = Observation.start("test.request", observations);
        SendResult<String, byte[]> inside;
        try (Observation.Scope scope = request.openScope()) {
            inside = publisher.send(Topics.CATALOG_EVENTS, event("inside")).get(30, TimeUnit.SECONDS);
        } finally {
            request.stop();
        }
        assertThat(observedSends).as("the send inside the request's observation").hasSize(1);
        assertThat(outside.getRecordMetadata().hasOffset()).isTrue();
        assertThat(inside.getRecordMetadata().offset()).isGreaterThan(outside.getRecordMetadata().offset());
    }

    private static Envelope<CreateArtist> event(String id) {
        return Envelope.create(CatalogMessages.CREATE_ARTIST, "/test", id, "ws-publisher", UUID.randomUUID(),
                new CreateArtist(id, "Artist " + id, null, null, null));
    }
}
