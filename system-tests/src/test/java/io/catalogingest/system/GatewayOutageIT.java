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
import io.catalogingest.testsupport.PausableS3;
import io.catalogingest.testsupport.StoppablePostgres;

/**
 * The gateway while a dependency fails. PostgreSQL killed (immediate stop) and down: every read and write answers 503
 * with the seed's error body and {@code Retry-After} within 2 s — never a 200 with an empty body, never a 500 after
 * 30 s — and it answers normally again once the server is back. S3 stalled (SIGSTOP) during an upload: 503 within
 * the stall timeout, readiness names the storage, and nothing is stored or registered.
 */
@CatalogInfrastructureTest
class GatewayOutageIT {

    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final Duration STALL = Duration.ofSeconds(2);

    private static StoppablePostgres postgres;
    private static PausableS3 s3;
    private static Isolation isolation;
    private static Pipeline pipeline;
    private static Http http;
    private static String jdbcUrl;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        s3 = PausableS3.start(isolation.tempBucket(), isolation.mediaBucket());
        postgres = StoppablePostgres.create();
        postgres.createSchema(isolation.schema());
        jdbcUrl = postgres.jdbcUrl() + "?currentSchema=" + isolation.schema();
        pipeline = Pipeline.gatewayOnly(isolation, Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", postgres.user(),
                "spring.datasource.password", postgres.password(),
                "catalog.storage.endpoint", s3.endpoint(),
                "catalog.storage.public-endpoint", s3.endpoint(),
                "catalog.upload.stall-timeout", STALL.toMillis() + "ms"));
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
        if (s3 != null) {
            s3.close();
        }
    }

    @AfterEach
    void restart() {
        postgres.start();
        s3.resume();
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

    @Test
    void anUploadIntoAStalledS3AnswersA503WithinTheStallTimeoutAndLeavesNothing() throws Exception {
        String token = Tokens.user("stall-ws");
        String releaseId = insertDraftRelease("stall-ws");
        s3.pause();

        long start = System.nanoTime();
        Http.Answer answer = http.postFile("/releases/" + releaseId + "/media/files", token, "files", "cover.png",
                new byte[200_000], "image/png");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.status()).as(answer.text()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.json().path("status").asString()).isEqualTo("error");
        assertThat(took).isLessThan(STALL.multipliedBy(3));
        Http.Answer readiness = new Http(pipeline.gatewayManagementUrl()).get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().path("components").path("storage").path("status").asString()).isEqualTo("DOWN");

        s3.resume();
        assertThat(count("select count(*) from request where kind = 'media.register'")).isZero();
        assertThat(count("select count(*) from media")).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(s3.client().listObjects(
                io.minio.ListObjectsArgs.builder().bucket(isolation.tempBucket()).recursive(true).build()))
                .isEmpty());
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

    private static String insertDraftRelease(String tenant) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
             PreparedStatement insert = connection.prepareStatement("insert into release (tenant_id, id, owner_id,"
                     + " title, display_artist) values (?, cast(? as uuid), 'test-user', 'Stalled', 'Someone')")) {
            insert.setString(1, tenant);
            insert.setString(2, id);
            insert.executeUpdate();
        }
        return id;
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
             PreparedStatement query = connection.prepareStatement(sql);
             java.sql.ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
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
