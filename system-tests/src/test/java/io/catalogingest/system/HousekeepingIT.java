package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.ingest.housekeeping.Housekeeping;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;

/**
 * The idempotency records are pruned after the retention, in batches, and not before: a request created and retried
 * with its {@code Idempotency-Key} keeps its first answer within the retention; once its rows are older, they go (and
 * the key is free again), while a request whose command may still arrive stays.
 */
@CatalogInfrastructureTest
class HousekeepingIT {

    private static final String TENANT = "housekeeping-ws";

    private static Pipeline pipeline;
    private static Http http;
    private static Isolation isolation;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        // batches of 2, so that pruning takes several statements; retention 25 h
        pipeline = Pipeline.start(isolation, Map.of("catalog.housekeeping.batch", "2",
                "catalog.housekeeping.retention", "25h"));
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void recordsOlderThanTheRetentionArePrunedAndYoungerOnesKept() throws Exception {
        String token = Tokens.user(TENANT);
        String[] keys = new String[5];
        String[] requests = new String[5];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "hk-key-" + i;
            Http.Answer created = http.postJson("/product", token, Map.of("title", "Kept " + i, "id", "HK-" + i),
                    "Idempotency-Key", keys[i]);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            requests[i] = requestOf(keys[i]);
        }
        // the first three are a day and more old; the others recent
        for (int i = 0; i < 3; i++) {
            age(requests[i], "26 hours");
        }
        // a media registration whose command never got an outcome (waiting out an outage, or dead-lettered): kept
        String pending = UUID.randomUUID().toString();
        update("insert into request (request_id, tenant_id, kind, object_key, publication, created_at) values ('"
                + pending + "', '" + TENANT + "', 'media.register', 'k/uploads/x/a.wav', 'unknown',"
                + " now() - interval '30 days')");

        Map<String, Long> pruned = pipeline.ingestWorker().getBean(Housekeeping.class).prune();

        assertThat(pruned).containsEntry("request", 3L).containsEntry("request_outcome", 3L);
        assertThat(pruned.get("processed_message")).isGreaterThanOrEqualTo(3L);
        for (int i = 0; i < 3; i++) {
            assertThat(count("select count(*) from request where request_id = '" + requests[i] + "'")).isZero();
            assertThat(count("select count(*) from request_outcome where request_id = '" + requests[i] + "'"))
                    .isZero();
            assertThat(count("select count(*) from processed_message where message_id = '" + requests[i] + "'"))
                    .isZero();
            assertThat(http.get("/requests/" + requests[i], token).status()).isEqualTo(404);
        }
        for (int i = 3; i < keys.length; i++) {
            assertThat(count("select count(*) from request where request_id = '" + requests[i] + "'")).isEqualTo(1);
            assertThat(count("select count(*) from request_outcome where request_id = '" + requests[i] + "'"))
                    .isEqualTo(1);
            // within the retention a retry with the key gets the first answer
            Http.Answer retry = http.postJson("/product", token, Map.of("title", "Kept " + i, "id", "HK-" + i),
                    "Idempotency-Key", keys[i]);
            assertThat(retry.status()).as(retry.text()).isEqualTo(201);
            assertThat(requestOf(keys[i])).isEqualTo(requests[i]);
        }
        assertThat(count("select count(*) from request where request_id = '" + pending + "'")).isEqualTo(1);
        // after the retention the key is free: the same key and body are a new request (the product exists: 409)
        Http.Answer late = http.postJson("/product", token, Map.of("title", "Kept 0", "id", "HK-0"),
                "Idempotency-Key", keys[0]);
        assertThat(late.status()).as(late.text()).isEqualTo(409);
        assertThat(requestOf(keys[0])).isNotEqualTo(requests[0]);

        assertThat(pipeline.ingestWorker().getBean(Housekeeping.class).prune().values()).allMatch(n -> n == 0);
    }

    private static void age(String requestId, String by) throws SQLException {
        update("update request set created_at = created_at - interval '" + by + "' where request_id = '" + requestId
                + "'");
        update("update request_outcome set completed_at = completed_at - interval '" + by + "' where request_id = '"
                + requestId + "'");
        update("update processed_message set processed_at = processed_at - interval '" + by + "' where message_id = '"
                + requestId + "'");
    }

    private static String requestOf(String idempotencyKey) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select request_id from request where tenant_id = '" + TENANT
                     + "' and idempotency_key = '" + idempotencyKey + "'")) {
            assertThat(rows.next()).as("a request for " + idempotencyKey).isTrue();
            return rows.getString(1);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void update(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static Connection connect() throws SQLException {
        Map<String, String> properties = isolation.springProperties();
        return DriverManager.getConnection(properties.get("spring.datasource.url"),
                properties.get("spring.datasource.username"), properties.get("spring.datasource.password"));
    }
}
