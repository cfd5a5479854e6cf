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
import io.catalogingest.testsupport.PausableKafka;

/**
 * Never a 503 for a command that may still be applied, and never a second effect (issue 11, item 4): the broker
 * stalls (SIGSTOP) while a keyed create is published on one gateway, the client retries on a second gateway while
 * it is still stalled, and again once it is back. Both answers during the stall are "accepted" (202) with the same
 * request id; in the end there is one product with one UPC, and every retry answers it. Meanwhile a new command on
 * the gateway that saw the broker fail is refused at once (503), and never applied.
 */
@CatalogInfrastructureTest
class IdempotentRetryIT {

    private static final String TENANT = "retry-ws";

    private static PausableKafka kafka;
    private static Pipeline pipeline;
    private static Http first;
    private static Http second;
    private static Infrastructure infra;
    private static Isolation isolation;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        infra = infrastructure;
        isolation = infrastructure.isolate();
        kafka = PausableKafka.start();
        Map<String, Object> broker = Map.of("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        pipeline = Pipeline.empty(isolation);
        pipeline.startIngestWorker(broker);
        first = new Http(url(pipeline.startGateway(broker)));
        second = new Http(url(pipeline.startGateway(broker)));
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
    void aKeyedCreateRetriedOnAnotherGatewayWhileTheBrokerIsStalledMakesOneProductWithOneUpc() throws Exception {
        String token = Tokens.user(TENANT);
        // both gateways know the topic's partitions (a broker that never answered would be a plain 503)
        assertThat(first.postJson("/product", token, product("Warm-up A")).status()).isEqualTo(201);
        assertThat(second.postJson("/product", token, product("Warm-up B")).status()).isEqualTo(201);
        Map<String, Object> body = product("Stalled");

        kafka.pause();
        Http.Answer accepted;
        Http.Answer refused;
        long refusedMillis;
        Http.Answer retried;
        try {
            accepted = first.postJson("/product", token, body, "Idempotency-Key", "stalled-create");
            // the first gateway now knows the broker is not taking commands: a new one is a 503 at once
            long start = System.nanoTime();
            refused = first.postJson("/product", token, product("Refused"));
            refusedMillis = (System.nanoTime() - start) / 1_000_000;
            retried = second.postJson("/product", token, body, "Idempotency-Key", "stalled-create");
        } finally {
            kafka.resume();
        }
        assertThat(refused.status()).as(refused.text()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refusedMillis).isLessThan(2000);

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String requestId = accepted.json().path("requestId").asString();
        assertThat(retried.status()).as(retried.text()).isEqualTo(202);
        assertThat(retried.json().path("requestId").asString()).isEqualTo(requestId);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Http.Answer outcome = second.get("/requests/" + requestId, token);
            assertThat(outcome.status()).as(outcome.text()).isEqualTo(200);
            assertThat(outcome.json().path("status").asString()).isEqualTo("succeeded");
        });
        Http.Answer again = second.postJson("/product", token, body, "Idempotency-Key", "stalled-create");
        Http.Answer onFirst = first.postJson("/product", token, body, "Idempotency-Key", "stalled-create");
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(onFirst.status()).as(onFirst.text()).isEqualTo(201);
        assertThat(onFirst.json().path("id").asString()).isEqualTo(again.json().path("id").asString());
        assertThat(onFirst.json().path("upc").asString()).isEqualTo(again.json().path("upc").asString());
        assertThat(count("select count(*) from product where tenant_id = ? and title = 'Stalled'")).isEqualTo(1);
        assertThat(count("select count(*) from product where tenant_id = ? and title = 'Refused'")).isZero();
        assertThat(count("select count(distinct upc) from product where tenant_id = ? and title = 'Stalled'"))
                .isEqualTo(1);
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
