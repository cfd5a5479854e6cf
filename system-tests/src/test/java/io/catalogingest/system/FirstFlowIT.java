package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/** The first flow through every part: HTTP → Kafka → ingest-worker → Postgres → event → HTTP answer. */
@CatalogInfrastructureTest
class FirstFlowIT {

    private static Pipeline pipeline;
    private static Http http;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void createAnswers201WithTheProductAndReadsItBack() {
        String token = Tokens.user("tenant-a");

        Http.Answer created = http.postJson("/product", token, Map.of("title", "Summer Vibes", "id", "PROD-FF-1"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("id").asString()).isEqualTo("PROD-FF-1");
        assertThat(created.json().path("title").asString()).isEqualTo("Summer Vibes");
        assertThat(created.header("Location")).isEqualTo("/product/PROD-FF-1");

        Http.Answer read = http.get("/product/PROD-FF-1", token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("product").path("title").asString()).isEqualTo("Summer Vibes");
        assertThat(read.json().path("product").path("status").asString()).isEqualTo("active");
    }

    @Test
    void multipartFormCreatesTheProduct() {
        String token = Tokens.user("tenant-a");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", "Form Made");
        form.put("catalogNumber", "CAT-FORM-1");
        form.put("explicit", "false");

        Http.Answer created = http.postForm("/product", token, form);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("catalogNumber").asString()).isEqualTo("CAT-FORM-1");
        String id = created.json().path("id").asString();
        assertThat(http.get("/product/" + id, token).status()).isEqualTo(200);
    }

    @Test
    void respondAsyncAnswers202AndTheRequestResolves() {
        String token = Tokens.user("tenant-a");

        Http.Answer accepted = http.postJson("/product", token, Map.of("title", "Later", "id", "PROD-FF-ASYNC"),
                "Prefer", "respond-async");

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).startsWith("/requests/");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode outcome = http.get(location, token).json();
            assertThat(outcome.path("status").asString()).isEqualTo("succeeded");
            assertThat(outcome.path("location").asString()).isEqualTo("/product/PROD-FF-ASYNC");
        });
        assertThat(http.get("/product/PROD-FF-ASYNC", token).status()).isEqualTo(200);
    }

    @Test
    void anotherTenantSeesNothing() {
        String owner = Tokens.user("tenant-a");
        Http.Answer created = http.postJson("/product", owner, Map.of("title", "Mine", "id", "PROD-FF-OWN"),
                "Prefer", "respond-async");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/product/PROD-FF-OWN", owner).status() == 200);

        String stranger = Tokens.user("tenant-b");
        assertThat(http.get("/product/PROD-FF-OWN", stranger).status()).isEqualTo(404);
        assertThat(http.get(created.header("Location"), stranger).status()).isEqualTo(404);
    }

    @Test
    void duplicateIdIsAConflictFromTheWorker() {
        String token = Tokens.user("tenant-a");
        assertThat(http.postJson("/product", token, Map.of("title", "One", "id", "PROD-FF-DUP")).status()).isEqualTo(201);

        Http.Answer again = http.postJson("/product", token, Map.of("title", "Two", "id", "PROD-FF-DUP"));

        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.json().path("status").asString()).isEqualTo("error");
        assertThat(again.json().path("errors").get(0).path("field").asString()).isEqualTo("id");
    }

    @Test
    void invalidShapeIsRefusedByTheGatewayWithEveryField() {
        Http.Answer refused = http.postJson("/product", Tokens.user("tenant-a"),
                Map.of("title", "", "type", "Vinyl", "releaseDate", "2024-13-01"));

        assertThat(refused.status()).isEqualTo(400);
        List<String> fields = refused.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
        assertThat(fields).contains("title", "type", "releaseDate");
    }

    @Test
    void tokensAreRequiredAndChecked() {
        Map<String, String> body = Map.of("title", "No token");
        assertThat(http.postJson("/product", null, body).status()).isEqualTo(401);
        assertThat(http.postJson("/product", "not-a-jwt", body).status()).isEqualTo(401);
        String expired = Tokens.mint("tenant-a", List.of("user"), Pipeline.AUDIENCE, Instant.now().minusSeconds(120));
        assertThat(http.postJson("/product", expired, body).status()).isEqualTo(401);
        String wrongAudience = Tokens.mint("tenant-a", List.of("user"), "someone-else", Instant.now().plusSeconds(60));
        assertThat(http.postJson("/product", wrongAudience, body).status()).isEqualTo(401);
        String noTenant = Tokens.mint(null, List.of("user"), Pipeline.AUDIENCE, Instant.now().plusSeconds(60));
        Http.Answer refused = http.postJson("/product", noTenant, body);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("status").asString()).isEqualTo("error");
    }
}
