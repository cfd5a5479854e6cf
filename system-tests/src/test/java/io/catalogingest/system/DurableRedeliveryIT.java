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
import org.springframework.context.ConfigurableApplicationContext;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;

/**
 * A command the broker did not acknowledge is answered 202 and must still arrive, even when the gateway that accepted
 * it dies before the broker comes back (issue 11 item 4, ADR 0014). The first gateway runs with the fault hook
 * {@code catalog.faults.withhold-commands} (its commands are never sent and count as not acknowledged, as with a
 * stalled broker) and without a re-sender, as if it died right after answering; it is then closed. The client does
 * not retry (no Idempotency-Key). A second gateway, started afterwards, sends the kept commands: each is applied
 * once and its request reaches its outcome.
 */
@CatalogInfrastructureTest
class DurableRedeliveryIT {

    private static final String TENANT = "durable-ws";

    private static Pipeline pipeline;
    private static Infrastructure infra;
    private static Isolation isolation;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        infra = infrastructure;
        isolation = infrastructure.isolate();
        pipeline = Pipeline.empty(isolation);
        pipeline.startIngestWorker(Map.of());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void commandsAcceptedByAGatewayThatDiedBeforeTheBrokerAcknowledgedThemAreSentByAnotherReplica() throws Exception {
        String token = Tokens.user(TENANT);
        ConfigurableApplicationContext dying = pipeline.startGateway(Map.of(
                "catalog.faults.withhold-commands", "true",
                "catalog.gateway.redelivery.enabled", "false"));
        Http first = new Http(url(dying));

        Http.Answer async = first.postJson("/product", token, product("Kept async"), "Prefer", "respond-async");
        assertThat(async.status()).as(async.text()).isEqualTo(202);
        String asyncId = async.json().path("requestId").asString();
        // after an unacknowledged publish the gateway refuses new commands (503, nothing recorded) until its next probe
        String syncId = await().atMost(Duration.ofSeconds(15)).until(() -> {
            Http.Answer sync = first.postJson("/product", token, product("Kept sync"));
            return sync.status() == 202 ? sync.json().path("requestId").asString() : null;
        }, java.util.Objects::nonNull);
        assertThat(count("select count(*) from request where tenant_id = ? and publication = 'unknown'"
                + " and command_payload is not null")).isEqualTo(2);
        dying.close();
        assertThat(count("select count(*) from product where tenant_id = ?")).isZero();

        Http second = new Http(url(pipeline.startGateway(Map.of())));
        for (String requestId : new String[] {asyncId, syncId}) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Http.Answer outcome = second.get("/requests/" + requestId, token);
                assertThat(outcome.status()).as(outcome.text()).isEqualTo(200);
                assertThat(outcome.json().path("status").asString()).isEqualTo("succeeded");
            });
        }
        assertThat(count("select count(*) from product where tenant_id = ? and title = 'Kept async'")).isEqualTo(1);
        assertThat(count("select count(*) from product where tenant_id = ? and title = 'Kept sync'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(count(
                "select count(*) from request where tenant_id = ? and (publication <> 'sent'"
                        + " or command_payload is not null)")).isZero());
    }

    private static Map<String, Object> product(String title) {
        return Map.of("title", title, "type", "Audio", "status", "active");
    }

    private static String url(ConfigurableApplicationContext gateway) {
        return "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
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
