package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.catalogingest.testsupport.StoppablePostgres;

/**
 * The gateway while its PostgreSQL is killed (immediate stop) and down: every read and write answers 503 with the
 * seed's error body and {@code Retry-After} within 2 s — never a 200 with an empty body, never a 500 after 30 s —
 * and it answers normally again once the server is back.
 */
@CatalogInfrastructureTest
class DatabaseOutageIT {

    private static final Duration BOUND = Duration.ofSeconds(2);

    private static StoppablePostgres postgres;
    private static Pipeline pipeline;
    private static Http http;
    private static String jdbcUrl;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        Isolation isolation = infrastructure.isolate();
        postgres = StoppablePostgres.create();
        postgres.createSchema(isolation.schema());
        jdbcUrl = postgres.jdbcUrl() + "?currentSchema=" + isolation.schema();
        pipeline = Pipeline.gatewayOnly(isolation, Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", postgres.user(),
                "spring.datasource.password", postgres.password()));
        http = new Http(pipeline.gatewayUrl());
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

    @AfterEach
    void restart() {
        postgres.start();
    }

    @Test
    void aKilledDatabaseMakesTheNextReadA503NotAnEmpty200() throws Exception {
        String token = Tokens.user("killed-ws");
        insertProduct("killed-ws", "P-KILLED");
        assertThat(http.get("/product/P-KILLED", token).status()).isEqualTo(200);

        postgres.killImmediately();

        for (int i = 0; i < 3; i++) {
            Http.Answer answer = timed(() -> http.get("/product/P-KILLED", token));
            assertUnavailable(answer);
        }

        postgres.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get("/product/P-KILLED", token).status()).isEqualTo(200));
    }

    @Test
    void readsAndWritesAnswer503WithinTwoSecondsWhileTheDatabaseIsDown() throws Exception {
        String token = Tokens.user("down-ws");
        insertProduct("down-ws", "P-DOWN");
        postgres.killImmediately();

        assertUnavailable(timed(() -> http.get("/product/P-DOWN", token)));
        assertUnavailable(timed(() -> http.get("/product?page=1&size=5", token)));
        assertUnavailable(timed(() -> http.postJson("/product", token,
                Map.of("title", "Down", "type", "Audio", "status", "active"), "Idempotency-Key", "down-1")));
        assertUnavailable(timed(() -> http.get("/requests/00000000-0000-0000-0000-000000000001", token)));
    }

    private static Http.Answer timed(java.util.concurrent.Callable<Http.Answer> call) throws Exception {
        long start = System.nanoTime();
        Http.Answer answer = call.call();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("answered %s after %s", answer.status(), took).isLessThan(BOUND);
        return answer;
    }

    private static void assertUnavailable(Http.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).as("Retry-After").isNotBlank();
        assertThat(answer.json()).as("body").isNotNull();
        assertThat(answer.json().path("status").asString()).isEqualTo("error");
        assertThat(answer.json().path("message").asString()).containsIgnoringCase("database");
    }

    private static void insertProduct(String tenant, String id) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
             PreparedStatement insert = connection.prepareStatement(
                     "insert into product (tenant_id, id, title, type, status) values (?, ?, ?, 'Audio', 'active')")) {
            insert.setString(1, tenant);
            insert.setString(2, id);
            insert.setString(3, "Outage " + id);
            insert.executeUpdate();
        }
    }
}
