package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;

/**
 * The gateway records a command's acknowledgement ({@code publication = 'sent'}) off the request thread, in batches,
 * and only when no outcome came within a grace (ADR 0027). Here no worker runs at first, so no outcome comes: the
 * acknowledgement is recorded after the grace, and a keyed retry is then told "accepted" under the first request's id
 * (never a 409 or 503, never a second command id); once the worker runs the command is applied once and every keyed
 * retry answers its outcome.
 */
@CatalogInfrastructureTest
class DeferredAcknowledgementIT {

    private static final String TENANT = "deferred-ack-ws";

    private static Pipeline pipeline;
    private static Infrastructure infra;
    private static Isolation isolation;
    private static Http http;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        infra = infrastructure;
        isolation = infrastructure.isolate();
        pipeline = Pipeline.empty(isolation);
        pipeline.startGateway(Map.of("catalog.gateway.acknowledgements.grace", "300ms",
                "catalog.gateway.acknowledgements.interval", "50ms", "catalog.gateway.sync-wait", "2s"));
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aBatchedAcknowledgementLeadsAKeyedRetryToTheFirstRequestAndItsOutcome() throws Exception {
        String token = Tokens.user(TENANT);
        Map<String, Object> body = Map.of("title", "Deferred", "type", "Audio", "status", "active");

        Http.Answer accepted = http.postJson("/product", token, body, "Prefer", "respond-async",
                "Idempotency-Key", "deferred-1");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String requestId = accepted.json().path("requestId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from request where tenant_id = ? and publication = 'sent'") == 1);

        Http.Answer waited = http.postJson("/product", token, body, "Idempotency-Key", "deferred-1");
        assertThat(waited.status()).as("no worker yet: accepted, under the first id; " + waited.text())
                .isEqualTo(202);
        assertThat(waited.header("X-Request-Id")).isEqualTo(requestId);

        pipeline.startIngestWorker(Map.of());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Http.Answer outcome = http.get("/requests/" + requestId, token);
            assertThat(outcome.json().path("status").asString()).as(outcome.text()).isEqualTo("succeeded");
        });
        Http.Answer again = http.postJson("/product", token, body, "Idempotency-Key", "deferred-1");
        Http.Answer asynchronously = http.postJson("/product", token, body, "Prefer", "respond-async",
                "Idempotency-Key", "deferred-1");
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(asynchronously.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(count("select count(*) from product where tenant_id = ? and title = 'Deferred'")).isEqualTo(1);
        assertThat(count("select count(*) from request where tenant_id = ?")).as("one request, however many retries")
                .isEqualTo(1);

        Http.Answer keyedSync = http.postJson("/product", token, Map.of("title", "Answered"), "Idempotency-Key",
                "deferred-2");
        Http.Answer retried = http.postJson("/product", token, Map.of("title", "Answered"), "Idempotency-Key",
                "deferred-2");
        assertThat(keyedSync.status()).as(keyedSync.text()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json().path("id").asString()).isEqualTo(keyedSync.json().path("id").asString());
        assertThat(count("select count(*) from product where tenant_id = ? and title = 'Answered'")).isEqualTo(1);
    }

    private static long count(String sql) throws Exception {
        String url = infra.jdbcUrl() + (infra.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema="
                + isolation.schema();
        try (Connection connection = DriverManager.getConnection(url, infra.jdbcUser(), infra.jdbcPassword());
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, TENANT);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
