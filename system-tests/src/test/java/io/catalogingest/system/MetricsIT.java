package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;

/**
 * Every service answers {@code /actuator/prometheus} on its management port without a token, and the meters an
 * operator watches are there and move when work happens: HTTP per route, records processed and rejected per type,
 * consumer lag, dead-letter depth, uploads, promotion copies, UPC usage, the orphan sweeper and the outbox.
 */
@CatalogInfrastructureTest
class MetricsIT {

    private static final String TENANT = "metrics-ws";
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static Pipeline pipeline;
    private static Http http;
    private static Isolation isolation;
    private static ApprovalFixtures fixtures;
    private static Infrastructure infrastructure;

    @BeforeAll
    static void start(Infrastructure infra) {
        infrastructure = infra;
        isolation = infra.isolate();
        pipeline = Pipeline.startManaged(isolation, Map.of(
                "catalog.approval.poll-interval", "1s",
                "catalog.metrics.dead-letters.interval", "1s",
                "catalog.metrics.upc-interval", "1s"));
        http = new Http(pipeline.gatewayUrl());
        fixtures = new ApprovalFixtures(infra, isolation, http);
    }

    @AfterAll
    static void stop() {
        if (fixtures != null) {
            fixtures.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static Prometheus gateway() {
        return Prometheus.scrape(pipeline.gatewayManagementUrl());
    }

    private static Prometheus ingestWorker() {
        return Prometheus.scrape(Pipeline.managementUrl(pipeline.ingestWorker()));
    }

    private static Prometheus approvalWorker() {
        return Prometheus.scrape(Pipeline.managementUrl(pipeline.approvalWorker()));
    }

    @Test
    void everyServiceAnswersPrometheusTextOnItsManagementPortWithoutAToken() {
        for (Prometheus scrape : List.of(gateway(), ingestWorker(), approvalWorker())) {
            assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
            assertThat(scrape.has("hikaricp_connections_active")).isTrue();
        }
        assertThat(gateway().has("jvm_memory_used_bytes", "application", "api-gateway")).isTrue();
        assertThat(ingestWorker().has("catalog_outbox_backlog")).isTrue();
        assertThat(approvalWorker().has("catalog_outbox_backlog")).isTrue();
        assertThat(approvalWorker().has("catalog_orphans_found_total")).isTrue();
        assertThat(approvalWorker().has("catalog_orphans_removed_total")).isTrue();
    }

    @Test
    void productsMoveTheHttpProcessedRejectedLagAndUpcMeters() {
        Workspaces.addBlock(http, TENANT, "400077", 0, 999);
        String type = "catalog.product.create.v1";
        double requestsBefore = gateway().sum("http_server_requests_seconds_count", "uri", "/product",
                "method", "POST");
        double appliedBefore = ingestWorker().sum("catalog_messages_processed_total", "type", type,
                "outcome", "applied");
        double rejectedBefore = ingestWorker().sum("catalog_messages_processed_total", "type", type,
                "outcome", "rejected");

        String token = Tokens.user(TENANT);
        Http.Answer created = http.postJson("/product", token, Map.of("title", "Counted", "id", "MET-1"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Http.Answer duplicate = http.postJson("/product", token, Map.of("title", "Counted again", "id", "MET-1"));
        assertThat(duplicate.status()).as(duplicate.text()).isEqualTo(409);

        await().atMost(WITHIN).untilAsserted(() -> {
            Prometheus gateway = gateway();
            assertThat(gateway.sum("http_server_requests_seconds_count", "uri", "/product", "method", "POST"))
                    .isGreaterThanOrEqualTo(requestsBefore + 2);
            assertThat(gateway.has("http_server_requests_seconds_bucket", "uri", "/product")).as("latency buckets")
                    .isTrue();
            Prometheus worker = ingestWorker();
            assertThat(worker.sum("catalog_messages_processed_total", "type", type, "outcome", "applied"))
                    .isGreaterThanOrEqualTo(appliedBefore + 1);
            assertThat(worker.sum("catalog_messages_processed_total", "type", type, "outcome", "rejected"))
                    .isGreaterThanOrEqualTo(rejectedBefore + 1);
            assertThat(worker.sum("catalog_upc_used", "tenant", TENANT)).isEqualTo(1);
            assertThat(worker.sum("catalog_upc_free", "tenant", TENANT)).isEqualTo(999);
            assertThat(worker.has("kafka_consumer_fetch_manager_records_lag", "topic",
                    isolation.topic(Topics.CATALOG_COMMANDS))).as("lag per partition of the commands topic").isTrue();
        });
        await().atMost(WITHIN).untilAsserted(() -> assertThat(approvalWorker().has(
                "kafka_consumer_fetch_manager_records_lag", "topic", isolation.topic(Topics.RELEASE_REVIEWS)))
                .isTrue());
        // the gateway's outcome reader (no group: it reads every partition of the event topics from their end)
        await().atMost(WITHIN).untilAsserted(() -> assertThat(gateway().has(
                "kafka_consumer_fetch_manager_records_lag", "topic", isolation.topic(Topics.CATALOG_EVENTS)))
                .isTrue());
    }

    @Test
    void aDeadLetterRaisesTheDepthOfItsTopic() throws Exception {
        String dlt = Topics.deadLetter(Topics.CATALOG_COMMANDS);
        await().atMost(WITHIN).until(() -> ingestWorker().has("catalog_dlt_depth", "topic", dlt)
                && ingestWorker().sum("catalog_dlt_depth", "topic", dlt) >= 0);
        double before = ingestWorker().sum("catalog_dlt_depth", "topic", dlt);

        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            // no CloudEvents headers: unreadable, straight to the dead-letter topic
            producer.send(new ProducerRecord<>(isolation.topic(Topics.CATALOG_COMMANDS), "poison",
                    "not an envelope".getBytes(UTF_8))).get(30, TimeUnit.SECONDS);
        }

        await().atMost(WITHIN).untilAsserted(() -> assertThat(ingestWorker().sum("catalog_dlt_depth", "topic", dlt))
                .isEqualTo(before + 1));
        // every service exports the same cluster-wide gauge
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(gateway().sum("catalog_dlt_depth", "topic", dlt)).isEqualTo(before + 1);
            assertThat(approvalWorker().sum("catalog_dlt_depth", "topic", dlt)).isEqualTo(before + 1);
        });
    }

    @Test
    void uploadsAndPromotionMoveTheirMeters() {
        Workspaces.addBlock(http, "metrics-promo", "400078", 0, 999);
        String token = Tokens.user("metrics-promo");
        double uploadsBefore = gateway().sum("catalog_upload_duration_seconds_count", "outcome", "stored");
        double bytesBefore = gateway().sum("catalog_upload_bytes_sum");
        double copiesBefore = approvalWorker().sum("catalog_promotion_copies_seconds_count", "outcome", "copied");
        double copiedBytesBefore = approvalWorker().sum("catalog_promotion_bytes_total");

        ApprovalFixtures.Release release = fixtures.createRelease(token, "Measured", Map.of(), "Only");
        byte[] wav = ApprovalFixtures.wav(1);
        fixtures.uploadThroughGateway(http, token, release.id(), release.trackIds().get(0), "only.wav", wav,
                "audio/wav");
        Prometheus afterUpload = gateway();
        assertThat(afterUpload.sum("catalog_upload_duration_seconds_count", "outcome", "stored"))
                .isEqualTo(uploadsBefore + 1);
        assertThat(afterUpload.sum("catalog_upload_bytes_sum")).isEqualTo(bytesBefore + wav.length);

        Http.Answer submitted = http.postJson("/releases/" + release.id() + "/submit", token, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        fixtures.approve("metrics-promo", release.id());

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(fixtures.releaseStatus(release.id())).isEqualTo("completed");
            Prometheus approval = approvalWorker();
            assertThat(approval.sum("catalog_promotion_copies_seconds_count", "outcome", "copied"))
                    .isEqualTo(copiesBefore + 1);
            assertThat(approval.sum("catalog_promotion_bytes_total")).isEqualTo(copiedBytesBefore + wav.length);
            assertThat(approval.sum("catalog_messages_processed_total", "type", "catalog.release.approved.v1",
                    "outcome", "applied")).isGreaterThanOrEqualTo(1);
        });
    }
}
