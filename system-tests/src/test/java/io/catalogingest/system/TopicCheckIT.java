package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;

/**
 * The services check the topics they find against the replication settings (ADR 0016): the topics made beforehand by
 * someone else with {@code min.insync.replicas} 1, a gateway told to expect 2: readiness is DOWN and names the topic
 * and both values; once the topics are fixed it turns UP without a restart.
 */
@CatalogInfrastructureTest
class TopicCheckIT {

    private static Pipeline pipeline;
    private static Isolation isolation;
    private static Admin admin;

    @BeforeAll
    static void start(Infrastructure infrastructure) throws Exception {
        isolation = infrastructure.isolate();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names()) {
            topics.add(new NewTopic(name, 2, (short) 1).configs(Map.of("min.insync.replicas", "1")));
        }
        admin.createTopics(topics).all().get();
        pipeline = Pipeline.gatewayOnly(isolation, Map.of("catalog.topics.replication", "1",
                "catalog.topics.min-insync-replicas", "2", "catalog.topics.partitions", "2"));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void topicsThatDoNotMatchKeepReadinessDownNamingThemUntilTheyAreFixed() throws Exception {
        Http management = new Http(pipeline.gatewayManagementUrl());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer notReady = management.get("/actuator/health/readiness", null);
            assertThat(notReady.status()).as(notReady.text()).isEqualTo(503);
            JsonNode kafka = notReady.json().path("components").path("kafka");
            assertThat(kafka.path("status").asString()).isEqualTo("DOWN");
            assertThat(kafka.path("details").path("reason").asString())
                    .contains("topic " + isolation.topic(Topics.CATALOG_COMMANDS) + " has replication factor 1 "
                            + "and min.insync.replicas 1, this service expects 1 and 2");
        });

        List<AlterConfigOp> minInsync2 = List.of(new AlterConfigOp(new ConfigEntry("min.insync.replicas", "2"),
                AlterConfigOp.OpType.SET));
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        names().forEach(name -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name), minInsync2));
        admin.incrementalAlterConfigs(changes).all().get();

        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            Http.Answer ready = management.get("/actuator/health/readiness", null);
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
        });
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String base : Topics.ALL) {
            names.add(isolation.topic(base));
            names.add(isolation.topic(Topics.deadLetter(base)));
        }
        return names;
    }
}
