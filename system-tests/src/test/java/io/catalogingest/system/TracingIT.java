package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.JsonNode;

/**
 * With JSON logs (ECS), a product create shows one trace id in the gateway's access line and in the ingest-worker's
 * line for the command (W3C {@code traceparent} through the Kafka headers), each line with the request's ids in the
 * MDC; and neither the product's body, the caller's JWT, nor the S3 secret is ever logged.
 */
@CatalogInfrastructureTest
@ExtendWith(OutputCaptureExtension.class)
class TracingIT {

    private static final String TENANT = "tracing-ws";

    private static Pipeline pipeline;
    private static Http http;
    private static String s3Secret;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        s3Secret = infrastructure.s3SecretKey();
        pipeline = Pipeline.start(infrastructure.isolate(), Map.of("logging.structured.format.console", "ecs",
                // the per-message "Received" line is logged at DEBUG
                "logging.level.io.catalogingest.support.messaging.InboundRecords", "DEBUG"));
        http = new Http(pipeline.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aProductCreateHasOneTraceIdInTheGatewayAndIngestWorkerLogsAndNoPayloadOrSecretIsLogged(
            CapturedOutput output) {
        String token = Tokens.user(TENANT);
        String requestId = "trace-it-" + UUID.randomUUID();
        String productId = "TR-" + UUID.randomUUID().toString().substring(0, 8);
        String title = "Payload title that must never be logged " + UUID.randomUUID();

        Http.Answer created = http.postJson("/product", token, Map.of("title", title, "id", productId),
                "X-Request-Id", requestId);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String commandRequestId = created.header("X-Request-Id");
        assertThat(commandRequestId).as("the command's request id").isNotBlank();
        JsonNode[] lines = new JsonNode[2];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> json = jsonLines(output.getAll());
            lines[0] = json.stream().filter(line -> requestId.equals(text(line, "requestId"))
                    && message(line).contains("POST /product answered 201")).findFirst().orElse(null);
            lines[1] = json.stream().filter(line -> message(line).contains("Received catalog.product.create.v1")
                    && message(line).contains(productId)).findFirst().orElse(null);
            assertThat(lines[0]).as("the gateway's access line").isNotNull();
            assertThat(lines[1]).as("the ingest-worker's line for the command").isNotNull();
        });
        JsonNode gateway = lines[0];
        JsonNode worker = lines[1];

        String traceId = traceId(gateway).orElseThrow(() -> new AssertionError("no trace id in " + gateway));
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(traceId(worker)).as(worker.toString()).contains(traceId);
        assertThat(text(gateway, "tenantId")).isEqualTo(TENANT);
        assertThat(text(worker, "tenantId")).isEqualTo(TENANT);
        assertThat(text(worker, "requestId")).isEqualTo(commandRequestId);
        assertThat(text(worker, "messageId")).matches("[0-9a-f-]{36}");
        assertThat(text(worker, "messageType")).isEqualTo("catalog.product.create.v1");

        String all = output.getAll();
        assertThat(all).doesNotContain(title).doesNotContain(token).doesNotContain(Pipeline.JWT_SECRET);
        assertThat(all).doesNotContain(s3Secret);
    }

    private static List<JsonNode> jsonLines(String output) {
        return output.lines().filter(line -> line.startsWith("{") && line.endsWith("}")).map(line -> {
            try {
                return Http.JSON.readTree(line);
            } catch (RuntimeException e) {
                return null;
            }
        }).filter(node -> node != null).toList();
    }

    private static String message(JsonNode line) {
        return line.path("message").asString("");
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null ? null : value.asString();
    }

    /** ECS puts the trace id at {@code trace.id}; other formats use {@code traceId}. */
    private static Optional<String> traceId(JsonNode line) {
        for (JsonNode candidate : new JsonNode[] {line.path("trace").path("id"), line.path("trace.id"),
                line.path("traceId")}) {
            if (candidate.isString()) {
                return Optional.of(candidate.asString());
            }
        }
        return Optional.empty();
    }
}
