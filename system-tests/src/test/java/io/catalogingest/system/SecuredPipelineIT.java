package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.KafkaGrants;
import io.catalogingest.support.messaging.KafkaProvisioning;
import io.catalogingest.support.messaging.TopicProperties;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.catalogingest.testsupport.SecuredKafka;

/**
 * The pipeline on a Kafka that trusts no one (ADR 0015): SASL/SCRAM and ACLs, each service logged in as its own
 * principal with only the grants of {@code KafkaGrants}, the topics and ACLs provisioned by the admin. A product goes
 * through gateway → ingest-worker → gateway; a release is approved by the review publisher straight on Kafka and goes
 * through approval-worker → ingest-worker (auto-creation) → completed. A missing grant fails this test.
 */
@CatalogInfrastructureTest
class SecuredPipelineIT {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
    private static SecuredKafka kafka;
    private static Pipeline pipeline;
    private static Isolation isolation;
    private static Http http;

    @BeforeAll
    static void start(Infrastructure infrastructure) throws Exception {
        for (String principal : KafkaGrants.PRINCIPALS.subList(1, KafkaGrants.PRINCIPALS.size())) {
            PASSWORDS.put(principal, principal + "-" + UUID.randomUUID());
        }
        kafka = SecuredKafka.start("admin-" + UUID.randomUUID(), PASSWORDS);
        isolation = infrastructure.isolate();
        new KafkaProvisioning(kafka.adminProperties()).provision(new TopicProperties(isolation.topicPrefix(), 3, 0, 0));
        pipeline = Pipeline.empty(isolation);
        pipeline.startIngestWorker(as(KafkaGrants.INGEST_WORKER));
        pipeline.startApprovalWorker(as(KafkaGrants.APPROVAL_WORKER));
        pipeline.startGateway(as(KafkaGrants.API_GATEWAY));
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aProductGoesThroughWithEachServiceLoggedInAsItself() {
        Http.Answer created = http.postJson("/product", Tokens.user("secured-ws"),
                Map.of("id", "SECURED-1", "title", "Locked Down"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("title").asString()).isEqualTo("Locked Down");
    }

    @Test
    void aReleaseApprovedByTheReviewPublisherIsPromotedAndGetsItsProduct() {
        String tenant = "secured-release-ws";
        String token = Tokens.user(tenant);
        Http.Answer release = http.postJson("/releases", token, Map.of("title", "Under Lock",
                "displayArtist", "Ada", "artists", Map.of("Ada", "primary"), "tracks", List.of(Map.of("title", "Key"))));
        assertThat(release.status()).as(release.text()).isEqualTo(201);
        String releaseId = release.json().path("data").path("id").asString();
        Http.Answer upload = http.postFile("/releases/" + releaseId + "/media/files", token, "files", "cover.png", PNG,
                "image/png");
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        Http.Answer submitted = http.postJson("/releases/" + releaseId + "/submit", token, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);

        publishApproval(tenant, releaseId);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Http.Answer read = http.get("/releases/" + releaseId, token);
            assertThat(read.json().path("data").path("status").asString()).isEqualTo("completed");
        });
    }

    private static Map<String, Object> as(String principal) {
        return new HashMap<>(kafka.springProperties(principal, PASSWORDS.get(principal)));
    }

    private static void publishApproval(String tenant, String releaseId) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties(KafkaGrants.REVIEW_PUBLISHER,
                PASSWORDS.get(KafkaGrants.REVIEW_PUBLISHER)));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        List<Header> headers = List.of(
                new RecordHeader("ce_specversion", "1.0".getBytes(UTF_8)),
                new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(UTF_8)),
                new RecordHeader("ce_source", "/review-service".getBytes(UTF_8)),
                new RecordHeader("ce_type", "catalog.release.approved.v1".getBytes(UTF_8)),
                new RecordHeader("ce_time", Instant.now().toString().getBytes(UTF_8)),
                new RecordHeader("ce_subject", releaseId.getBytes(UTF_8)),
                new RecordHeader("ce_tenantid", tenant.getBytes(UTF_8)),
                new RecordHeader("content-type", "application/json".getBytes(UTF_8)));
        String value = "{\"releaseId\":\"" + releaseId + "\",\"reviewerId\":\"qa-review-service\"}";
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(isolation.topic(Topics.RELEASE_REVIEWS), null, releaseId, value,
                    headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the review publisher could not publish", e);
        }
    }
}
