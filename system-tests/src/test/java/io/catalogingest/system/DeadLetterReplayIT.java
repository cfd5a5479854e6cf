package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.Messages;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.support.messaging.DeadLetterReplay;
import io.catalogingest.support.messaging.WorkerErrorHandling;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import tools.jackson.databind.json.JsonMapper;

/** An operator replays a dead-lettered command once its cause is fixed: it is applied, once. */
@CatalogInfrastructureTest
class DeadLetterReplayIT {

    private static final String TENANT = "replay-ws";

    private static Isolation isolation;
    private static Pipeline pipeline;
    private static Http http;
    private static String bootstrap;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        bootstrap = infrastructure.kafkaBootstrapServers();
        pipeline = Pipeline.start(isolation);
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aReplayedDeadLetterIsAppliedOnceAndNotReplayedTwice() throws Exception {
        String productId = "REPLAY-" + UUID.randomUUID().toString().substring(0, 8);
        CreateProduct command = new CreateProduct(productId, "Back From The Dead", null, null, null, null, "Audio",
                null, false, null, null, null, null, "active", null, null, null, List.of(), List.of(), null, null,
                null);
        WireRecord wire = new EnvelopeCodec(Messages.registry(), JsonMapper.builder().build())
                .encode(Envelope.create(CatalogMessages.CREATE_PRODUCT, "/replay-test", productId, TENANT, null,
                        command));
        List<Header> headers = new ArrayList<>();
        wire.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value)));
        // what the error handler adds when retries run out
        headers.add(new RecordHeader("kafka_dlt-exception-message", "database unavailable".getBytes(UTF_8)));
        headers.add(new RecordHeader(WorkerErrorHandling.REASON_HEADER, "CannotGetJdbcConnection".getBytes(UTF_8)));
        String topic = isolation.topic(Topics.CATALOG_COMMANDS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>(Topics.deadLetter(topic), null, wire.key(), wire.value(), headers))
                    .get();
        }
        String token = Tokens.user(TENANT);
        assertThat(http.get("/product/" + productId, token).status()).as("only on the dead-letter topic")
                .isEqualTo(404);

        DeadLetterReplay replay = new DeadLetterReplay(bootstrap);
        assertThat(replay.replay(topic)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> http.get("/product/" + productId, token).status() == 200);
        assertThat(http.get("/product/" + productId, token).json().path("product").path("title").asString())
                .isEqualTo("Back From The Dead");
        assertThat(replay.replay(topic)).as("progress is committed: nothing new to replay").isZero();
    }

    private static Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
