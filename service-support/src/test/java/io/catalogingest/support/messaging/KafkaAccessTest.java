package io.catalogingest.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.testsupport.SecuredKafka;

/**
 * Kafka trusts no one (DESIGN.md invariant 8, ADR 0015), against a broker configured like {@code ./catalog up}'s —
 * SASL/SCRAM, {@code StandardAuthorizer}, no ACL means no access — and provisioned by {@link KafkaProvisioning} with
 * the grants of {@link KafkaGrants}: a client without credentials or with a wrong password gets nothing; a service's
 * principal without the review grant may not publish a review; the review publisher may, and the approval-worker reads
 * it in its own group only.
 */
class KafkaAccessTest {

    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
    private static SecuredKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        for (String principal : KafkaGrants.PRINCIPALS.subList(1, KafkaGrants.PRINCIPALS.size())) {
            PASSWORDS.put(principal, principal + "-" + UUID.randomUUID());
        }
        kafka = SecuredKafka.start("admin-" + UUID.randomUUID(), PASSWORDS);
        new KafkaProvisioning(kafka.adminProperties()).provision(new TopicProperties("", 2, 0, 0));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void provisioningCreatesEveryTopicAndItsDeadLetterTopic() throws Exception {
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.RELEASE_REVIEWS,
                    Topics.deadLetter(Topics.RELEASE_REVIEWS), Topics.CATALOG_EVENTS)).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(2));
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        assertThatThrownBy(() -> publishReview(anonymous))
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> publishReview(kafka.clientProperties(KafkaGrants.REVIEW_PUBLISHER, "guessed")))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void principalsWithoutTheReviewGrantMayNotPublishAReview() {
        for (String principal : List.of(KafkaGrants.INGEST_WORKER, KafkaGrants.APPROVAL_WORKER,
                KafkaGrants.WEBHOOK_DISPATCHER)) {
            // a principal with no WRITE anywhere is refused a producer id first (ClusterAuthorizationException); the
            // send then fails with it, or, when the producer got there first, with "in an error state" caused by it
            Throwable refused = catchThrowable(() -> publishReview(as(principal)));
            assertThat(causes(refused)).as(principal).anyMatch(AuthorizationException.class::isInstance);
        }
    }

    @Test
    void theReviewPublisherPublishesAndTheApprovalWorkerReadsItInItsOwnGroupOnly() throws Exception {
        String id = UUID.randomUUID().toString();
        RecordMetadata sent = publishReview(as(KafkaGrants.REVIEW_PUBLISHER), id);
        assertThat(sent.offset()).isNotNegative();
        // the gateway's admin review endpoint (POST /releases/{id}/review) is the other review publisher
        assertThat(publishReview(as(KafkaGrants.API_GATEWAY)).offset()).isNotNegative();

        assertThat(readReviews(KafkaGrants.APPROVAL_WORKER, "approval-worker")).contains(id);
        assertThatThrownBy(() -> readReviews(KafkaGrants.APPROVAL_WORKER, "someone-else"))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(() -> readReviews(KafkaGrants.WEBHOOK_DISPATCHER, "webhook-dispatcher"))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aServiceMayNotCreateTopics() {
        try (Admin admin = Admin.create(as(KafkaGrants.INGEST_WORKER))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(
                            new NewTopic("catalog.anything", 1, (short) 1)))
                    .all().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private static Map<String, Object> as(String principal) {
        return kafka.clientProperties(principal, PASSWORDS.get(principal));
    }

    private static RecordMetadata publishReview(Map<String, Object> client) throws Exception {
        return publishReview(client, UUID.randomUUID().toString());
    }

    private static RecordMetadata publishReview(Map<String, Object> client, String id) throws Exception {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(Topics.RELEASE_REVIEWS, "release-1", id))
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        } catch (org.apache.kafka.common.KafkaException e) {
            // a refusal while the producer starts (metadata, authentication) surfaces here, not in the future
            throw new ExecutionException(e);
        }
    }

    private static List<String> readReviews(String principal, String group) {
        Map<String, Object> props = new HashMap<>(as(principal));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RELEASE_REVIEWS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<String> values = new ArrayList<>();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    /** The throwable and its causes, outermost first. */
    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
