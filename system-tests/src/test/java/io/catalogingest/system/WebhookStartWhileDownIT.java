package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.sun.net.httpserver.HttpServer;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.catalogingest.testsupport.StoppablePostgres;
import tools.jackson.databind.JsonNode;

/**
 * The webhook-dispatcher starts while its database is down, like the other services ({@link StartWhileDownIT}):
 * readiness on its management port is DOWN and names {@code db} and {@code schema}; once PostgreSQL is started the
 * schema is migrated, readiness turns UP, and an event of a product created afterwards reaches the workspace's
 * webhook.
 */
@CatalogInfrastructureTest
class WebhookStartWhileDownIT {

    private static final String TENANT = "tenant-webhook-start";

    private static StoppablePostgres postgres;
    private static Pipeline pipeline;
    private static ConfigurableApplicationContext dispatcher;
    private static HttpServer receiver;
    /** The bodies of the requests the receiver took. */
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(Infrastructure infrastructure) throws IOException {
        Isolation isolation = infrastructure.isolate();
        postgres = StoppablePostgres.notStarted();
        Map<String, Object> database = Map.of(
                "spring.datasource.url", postgres.jdbcUrl() + "?currentSchema=" + isolation.schema(),
                "spring.datasource.username", postgres.user(),
                "spring.datasource.password", postgres.password());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        pipeline = Pipeline.empty(isolation);
        // the ingest-worker creates the topics (the broker is up), so the dispatcher's consumer finds them
        pipeline.startIngestWorker(database);
        pipeline.startGateway(database);
        Map<String, Object> dispatcherProperties = new HashMap<>(database);
        dispatcherProperties.put("catalog.webhooks.allow-private-targets", "true");
        dispatcherProperties.put("catalog.webhooks.initial-backoff", "300ms");
        dispatcherProperties.put("catalog.webhooks.max-backoff", "2s");
        dispatcher = pipeline.startManagedWebhookDispatcher(dispatcherProperties);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void startedWithTheDatabaseDownTheDispatcherIsNotReadyNamingTheDatabaseThenDeliversOnceItIsBack() {
        Http management = new Http(Pipeline.managementUrl(dispatcher));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer notReady = management.get("/actuator/health/readiness", null);
            assertThat(notReady.status()).as(notReady.text()).isEqualTo(503);
            JsonNode components = notReady.json().path("components");
            assertThat(components.path("db").path("status").asString()).as(notReady.text()).isEqualTo("DOWN");
            assertThat(components.path("schema").path("status").asString()).as(notReady.text()).isEqualTo("DOWN");
        });

        postgres.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer ready = management.get("/actuator/health/readiness", null);
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
            assertThat(ready.json().path("components").path("schema").path("status").asString()).isEqualTo("UP");
        });
        Http http = new Http(pipeline.gatewayUrl());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer ready = new Http(pipeline.gatewayManagementUrl()).get("/actuator/health/readiness", null);
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
        });
        configureWebhooks(http, Tokens.admin(TENANT));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer created = http.postJson("/product", Tokens.user(TENANT),
                    Map.of("title", "Hooked after the outage", "id", "PROD-WSD-1"));
            assertThat(created.status()).as(created.text()).isIn(201, 409);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().anyMatch(body -> body.contains("PROD-WSD-1")));
    }

    /** Points the workspace's webhooks at the receiver and turns them on. */
    private static void configureWebhooks(Http http, String admin) {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        assertThat(http.putJson("/tenant/settings/webhook-url", admin, Map.of("value", url)).status()).isEqualTo(200);
        assertThat(http.putJson("/tenant/settings/webhook-isActive", admin, Map.of("value", "true")).status())
                .isEqualTo(200);
        assertThat(http.putJson("/tenant/settings/webhook-enabledEvents", admin,
                Map.of("value", List.of("PRODUCT_*"))).status()).isEqualTo(200);
        Http.Answer secret = http.postJson("/tenant/webhooks/secret", admin, Map.of());
        assertThat(secret.status()).as(secret.text()).isEqualTo(201);
    }
}
