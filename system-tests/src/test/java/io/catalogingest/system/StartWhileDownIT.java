package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.catalogingest.testsupport.StoppablePostgres;
import tools.jackson.databind.JsonNode;

/**
 * Services start while their database is down: the gateway and the ingest-worker come up (the migrations wait),
 * readiness is DOWN and names {@code db}, and once PostgreSQL is started the schema is migrated, readiness turns UP
 * and requests are answered.
 */
@CatalogInfrastructureTest
class StartWhileDownIT {

    private static StoppablePostgres postgres;
    private static Pipeline pipeline;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        Isolation isolation = infrastructure.isolate();
        postgres = StoppablePostgres.notStarted();
        Map<String, Object> database = Map.of(
                "spring.datasource.url", postgres.jdbcUrl() + "?currentSchema=" + isolation.schema(),
                "spring.datasource.username", postgres.user(),
                "spring.datasource.password", postgres.password());
        pipeline = Pipeline.empty(isolation);
        pipeline.startIngestWorker(database);
        pipeline.startGateway(database);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void startedWithTheDatabaseDownTheGatewayIsNotReadyNamingTheDatabaseThenReadyOnceItIsBack() {
        Http http = new Http(pipeline.gatewayUrl());
        // the broker and S3 checks (2 s bounds) may need a moment on a loaded machine; the database stays DOWN
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer notReady = new Http(pipeline.gatewayManagementUrl()).get("/actuator/health/readiness", null);
            assertThat(notReady.status()).as(notReady.text()).isEqualTo(503);
            JsonNode components = notReady.json().path("components");
            assertThat(components.path("db").path("status").asString()).isEqualTo("DOWN");
            assertThat(components.path("schema").path("status").asString()).isEqualTo("DOWN");
            assertThat(components.path("kafka").path("status").asString()).as(notReady.text()).isEqualTo("UP");
            assertThat(components.path("storage").path("status").asString()).as(notReady.text()).isEqualTo("UP");
        });
        String token = Tokens.user("start-ws");
        Http.Answer product = http.get("/product/P-1", token);
        assertThat(product.status()).as(product.text()).isEqualTo(503);
        assertThat(product.header("Retry-After")).isNotBlank();

        postgres.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer ready = new Http(pipeline.gatewayManagementUrl()).get("/actuator/health/readiness", null);
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
        });
        assertThat(http.get("/product/P-1", token).status()).isEqualTo(404);
        // the ingest-worker migrated too (one of them did; Flyway's lock serialises them) and consumes
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer created = http.postJson("/product", token,
                    Map.of("title", "After the outage", "type", "Audio", "status", "active"));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        });
    }
}
