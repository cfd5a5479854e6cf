package io.catalogingest.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of both gateways as a careful API user is one: every POST carries an Idempotency-Key, and a 503, a 502/504,
 * a 500, a timeout or a broken connection is retried with the same key and body — half of the time on the other
 * gateway — until a definite answer or the retry budget runs out. Every attempt is counted in {@link Stats}.
 */
final class GatewayClient {

    private static final Logger log = LoggerFactory.getLogger(GatewayClient.class);

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<URI> gateways;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration retryBudget;

    GatewayClient(List<URI> gateways, Duration requestTimeout, Duration retryBudget) {
        this.gateways = List.copyOf(gateways);
        this.requestTimeout = requestTimeout;
        this.retryBudget = retryBudget;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** One HTTP answer; status -1 for a timeout, -2 for a connection failure. */
    record Reply(int status, JsonNode body, Optional<String> requestId, Optional<String> location,
                 Optional<String> retryAfter, int attempts) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        String text(String pointer) {
            JsonNode node = body == null ? null : body.at(pointer);
            return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
        }
    }

    /** What a request body is: its content type and bytes, built once and resent on every retry. */
    record Body(String contentType, byte[] bytes) {
        static Body json(Object value) {
            return new Body("application/json", JSON.writeValueAsBytes(value));
        }

        static Body empty() {
            return new Body(null, new byte[0]);
        }

        static Body multipart(String field, String fileName, String contentType, byte[] content) {
            String boundary = "fault-suite-" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Body("multipart/form-data; boundary=" + boundary, out.toByteArray());
        }
    }

    /**
     * POSTs until a definite answer (any status but 5xx and timeouts) or the budget is spent; the last reply is
     * returned either way.
     */
    Reply post(String path, String token, Body body, String idempotencyKey, boolean async, Stats stats,
               Supplier<Boolean> giveUp) {
        long deadline = System.nanoTime() + retryBudget.toNanos();
        int gateway = ThreadLocalRandom.current().nextInt(gateways.size());
        int attempts = 0;
        while (true) {
            attempts++;
            HttpRequest.Builder request = HttpRequest.newBuilder(gateways.get(gateway).resolve(path))
                    .timeout(requestTimeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
            if (body.contentType() != null) {
                request.header("Content-Type", body.contentType());
            }
            if (async) {
                request.header("Prefer", "respond-async");
            }
            Reply reply = send(request.build(), attempts, stats);
            if (!retryable(reply.status()) || System.nanoTime() > deadline || giveUp.get()) {
                return reply;
            }
            stats.retries.increment();
            sleep(backoff(reply, attempts));
            if (ThreadLocalRandom.current().nextBoolean()) {
                gateway = (gateway + 1) % gateways.size();
            }
        }
    }

    /** GET on one of the gateways (any), one attempt. */
    Reply get(String path, String token, Stats stats) {
        URI base = gateways.get(ThreadLocalRandom.current().nextInt(gateways.size()));
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + token).GET().build(), 1, stats);
    }

    /** POST to one given gateway, once, with a fresh Idempotency-Key (the recovery probes). */
    Reply postOnce(URI gateway, String path, String token, Body body, Duration timeout, Stats stats) {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build(), 1, stats);
    }

    List<URI> gateways() {
        return gateways;
    }

    private Reply send(HttpRequest request, int attempts, Stats stats) {
        long started = System.nanoTime();
        if (!LoopbackPorts.listening(request.uri().getPort())) {
            stats.count(-2, System.nanoTime() - started);
            return new Reply(-2, null, Optional.empty(), Optional.empty(), Optional.empty(), attempts);
        }
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            stats.count(response.statusCode(), System.nanoTime() - started);
            JsonNode body = null;
            byte[] bytes = response.body();
            if (bytes != null && bytes.length > 0 && bytes[0] == '{') {
                try {
                    body = JSON.readTree(bytes);
                } catch (RuntimeException e) {
                    body = null;
                }
            }
            return new Reply(response.statusCode(), body, response.headers().firstValue("X-Request-Id"),
                    response.headers().firstValue("Location"), response.headers().firstValue("Retry-After"),
                    attempts);
        } catch (HttpTimeoutException e) {
            // an unanswered request fails the row (DESIGN.md 5.7): say which one, for the services' logs
            log.warn("no answer within {} s: {} {} (attempt {})", request.timeout().map(Duration::toSeconds)
                    .orElse(0L), request.method(), request.uri(), attempts);
            stats.count(-1, System.nanoTime() - started);
            return new Reply(-1, null, Optional.empty(), Optional.empty(), Optional.empty(), attempts);
        } catch (IOException e) {
            stats.count(-2, System.nanoTime() - started);
            return new Reply(-2, null, Optional.empty(), Optional.empty(), Optional.empty(), attempts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-2, null, Optional.empty(), Optional.empty(), Optional.empty(), attempts);
        }
    }

    private static boolean retryable(int status) {
        return status < 0 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private static Duration backoff(Reply reply, int attempts) {
        long millis = Math.min(3000, 250L * attempts);
        if (reply.retryAfter().isPresent()) {
            try {
                millis = Math.min(5000, Math.max(millis, Long.parseLong(reply.retryAfter().get().trim()) * 1000));
            } catch (NumberFormatException e) {
                // an HTTP date: keep our own backoff
            }
        }
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(100));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
