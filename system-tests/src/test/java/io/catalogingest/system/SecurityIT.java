package io.catalogingest.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import io.catalogingest.gateway.GatewayApplication;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/**
 * Bearer tokens and roles through the real gateway: every bad token is a 401 in the seed's body, a role that does
 * not allow the call a 403; the production mode (RS256, keys from a JWKS URL) against a tiny identity provider,
 * including the provider being down (503); secrets, tokens and payloads never reach the logs.
 */
@CatalogInfrastructureTest
@ExtendWith(OutputCaptureExtension.class)
class SecurityIT {

    private static final String PAYLOAD_MARKER = "Payload-Marker-7d1f";

    private static Infrastructure infrastructure;
    private static Pipeline pipeline;
    private static Http http;
    private static IdentityProvider provider;
    private static ConfigurableApplicationContext rs256Gateway;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(Infrastructure given) {
        infrastructure = given;
        pipeline = Pipeline.start(infrastructure.isolate());
        http = new Http(pipeline.gatewayUrl());
        provider = new IdentityProvider();
        rs256Gateway = startRs256Gateway();
    }

    @AfterAll
    static void stop() {
        if (rs256Gateway != null) {
            rs256Gateway.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 401

    static Stream<Arguments> badCredentials() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("no Authorization header", null),
                Arguments.of("Basic credentials", "Basic dXNlcjpwYXNzd29yZA=="),
                Arguments.of("Bearer without a token", "Bearer "),
                Arguments.of("Bearer with two tokens", "Bearer a b"),
                Arguments.of("not a JWT", "Bearer not-a-jwt"),
                Arguments.of("expired", bearer(c -> c.expirationTime(Date.from(now.minusSeconds(120))))),
                Arguments.of("not yet valid (nbf in the future)",
                        bearer(c -> c.notBeforeTime(Date.from(now.plusSeconds(300))))),
                Arguments.of("wrong issuer", bearer(c -> c.issuer("https://evil.example"))),
                Arguments.of("wrong audience", bearer(c -> c.audience("another-service"))),
                Arguments.of("no tenant", bearer(c -> c.claim("tenant", null))),
                Arguments.of("a tenant that is a path", bearer(c -> c.claim("tenant", "../tenant-b"))),
                Arguments.of("no expiry", bearer(c -> c.expirationTime(null))),
                Arguments.of("bad signature", "Bearer " + hs256(claims().build(),
                        "another-secret-of-at-least-32-bytes!!!")),
                Arguments.of("alg none", "Bearer " + new PlainJWT(claims().build()).serialize()),
                Arguments.of("alg none with a stolen signature", "Bearer " + new PlainJWT(claims().build()).serialize()
                        + signatureOf(Tokens.user("tenant-a"))),
                Arguments.of("RS256 on the HS256 gateway", "Bearer " + rs256(claims().build(), IdentityProvider.KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void badCredentialsAre401WithTheSeedBody(String why, String authorization) {
        for (Http.Answer answer : List.of(
                call(pipeline.gatewayUrl(), "GET", "/product/anything", authorization),
                call(pipeline.gatewayUrl(), "POST", "/product", authorization),
                call(pipeline.gatewayUrl(), "GET", "/requests/00000000-0000-0000-0000-000000000000", authorization))) {
            assertThat(answer.status()).as(why + ": " + answer.text()).isEqualTo(401);
            HostileHttpIT.assertSeedError(answer);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void theReasonOfAnInvalidTokenIsGivenWithoutItsContent() {
        Http.Answer expired = call(pipeline.gatewayUrl(), "GET", "/product/x",
                bearer(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
        Http.Answer audience = call(pipeline.gatewayUrl(), "GET", "/product/x", bearer(c -> c.audience("other")));
        Http.Answer missing = call(pipeline.gatewayUrl(), "GET", "/product/x", null);

        assertThat(expired.json().path("message").asString()).startsWith("Invalid bearer token").contains("expired");
        assertThat(audience.json().path("message").asString()).contains("audience");
        assertThat(missing.json().path("message").asString()).isEqualTo("Missing bearer token");
        assertThat(expired.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void aTokenInTheQueryStringIsNotAccepted() {
        Http.Answer answer = call(pipeline.gatewayUrl(), "GET", "/product/x?access_token=" + Tokens.user("tenant-a"),
                null);

        // the token resolver ignores access_token in the URL: the request carries no token at all
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.json().path("message").asString()).isEqualTo("Missing bearer token");
        HostileHttpIT.assertSeedError(answer);
    }

    @Test
    void aSmallClockSkewIsTolerated() {
        String justExpired = "Bearer " + hs256(claims().issueTime(Date.from(Instant.now().minusSeconds(600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(5))).build(), Pipeline.JWT_SECRET);

        assertThat(call(pipeline.gatewayUrl(), "GET", "/product/none", justExpired).status()).isEqualTo(404);
    }

    @Test
    void healthNeedsNoTokenOnTheManagementPort() {
        Http.Answer health = call(pipeline.gatewayManagementUrl(), "GET", "/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 403

    @Test
    void theReviewEndpointIsForAdminsOnly() {
        Http.Answer user = http.postJson("/releases/some-release/review", Tokens.user("tenant-a"),
                Map.of("action", "approve"));
        Http.Answer userWithSlash = http.postJson("/releases/some-release/review/", Tokens.user("tenant-a"),
                Map.of("action", "approve"));
        Http.Answer admin = http.postJson("/releases/some-release/review", Tokens.admin("tenant-a"),
                Map.of("action", "approve"));

        assertThat(user.status()).as(user.text()).isEqualTo(403);
        HostileHttpIT.assertSeedError(user);
        assertThat(userWithSlash.status()).as(userWithSlash.text()).isEqualTo(403);
        assertThat(admin.status()).as("an admin passes the role check: " + admin.text()).isNotIn(401, 403);
    }

    @Test
    void aTokenWithoutAKnownRoleIsRefused() {
        String noRoles = Tokens.mint("tenant-a", List.of(), Pipeline.AUDIENCE, Instant.now().plusSeconds(600));
        String otherRoles = Tokens.mint("tenant-a", List.of("superuser", "ADMIN"), Pipeline.AUDIENCE,
                Instant.now().plusSeconds(600));

        for (String token : List.of(noRoles, otherRoles)) {
            Http.Answer answer = http.get("/product/x", token);
            assertThat(answer.status()).as(answer.text()).isEqualTo(403);
            HostileHttpIT.assertSeedError(answer);
            assertThat(http.postJson("/releases/r/review", token, Map.of("action", "approve")).status())
                    .isEqualTo(403);
        }
    }

    @Test
    void operatorEndpointsAreNotOnTheApiPort() {
        for (String path : List.of("/actuator/health", "/actuator/metrics", "/actuator/prometheus", "/actuator/env")) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
            assertThat(http.get(path, Tokens.user("tenant-a")).status()).as(path).isEqualTo(403);
            assertThat(http.get(path, Tokens.admin("tenant-a")).status()).as(path).isEqualTo(403);
        }
        Http management = new Http(pipeline.gatewayManagementUrl());
        assertThat(management.get("/actuator/prometheus", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/metrics", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/env", null).status()).as("env is never exposed").isEqualTo(404);
        assertThat(management.get("/product/x", Tokens.user("tenant-a")).status())
                .as("the API is not on the management port").isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------------------
    // RS256 with keys from a JWKS URL

    @Test
    void rs256TokensAreCheckedAgainstTheProvidersKeys() {
        String gateway = "http://127.0.0.1:" + rs256Gateway.getEnvironment().getProperty("local.server.port");
        String valid = "Bearer " + rs256(claims().build(), IdentityProvider.KEY);

        // the provider is down and no key was ever fetched: not the caller's fault
        provider.failing = true;
        Http.Answer down = call(gateway, "GET", "/product/none", valid);
        assertThat(down.status()).as(down.text()).isEqualTo(503);
        HostileHttpIT.assertSeedError(down);

        provider.failing = false;
        assertThat(call(gateway, "GET", "/product/none", valid).status()).as("authenticated, no such product")
                .isEqualTo(404);

        Instant now = Instant.now();
        Map<String, String> refused = Map.of(
                "HS256 token of the local mode", "Bearer " + Tokens.user("tenant-a"),
                "alg none", "Bearer " + new PlainJWT(claims().build()).serialize(),
                "HS256 keyed with the public key", "Bearer " + hs256(claims().build(), publicKeyBytes()),
                "signed by an unpublished key", "Bearer " + rs256(claims().build(), IdentityProvider.STRANGER),
                "expired", "Bearer " + rs256(claims().expirationTime(Date.from(now.minusSeconds(120))).build(),
                        IdentityProvider.KEY),
                "not yet valid", "Bearer " + rs256(claims().notBeforeTime(Date.from(now.plusSeconds(300))).build(),
                        IdentityProvider.KEY),
                "wrong audience", "Bearer " + rs256(claims().audience("other").build(), IdentityProvider.KEY),
                "wrong issuer", "Bearer " + rs256(claims().issuer("other").build(), IdentityProvider.KEY),
                "no tenant", "Bearer " + rs256(claims().claim("tenant", null).build(), IdentityProvider.KEY));
        refused.forEach((why, authorization) -> {
            Http.Answer answer = call(gateway, "GET", "/product/none", authorization);
            assertThat(answer.status()).as(why + ": " + answer.text()).isEqualTo(401);
            HostileHttpIT.assertSeedError(answer);
        });

        // once keys are cached, the provider going down does not lock out valid tokens
        provider.failing = true;
        assertThat(call(gateway, "GET", "/product/none", valid).status()).isEqualTo(404);
        provider.failing = false;
    }

    // ---------------------------------------------------------------------------------------------------------
    // logs

    @Test
    void secretsTokensAndPayloadsStayOutOfTheLogs(CapturedOutput output) {
        String token = Tokens.user("tenant-a");
        http.postJson("/product", token, Map.of("title", PAYLOAD_MARKER + " title", "id", "LOGS-1",
                "displayArtist", PAYLOAD_MARKER + " artist"));
        http.postJson("/product", token, Map.of("title", PAYLOAD_MARKER + " again", "id", "LOGS-1"));
        http.postJson("/product", token, Map.of("title", PAYLOAD_MARKER + " bad", "releaseDate", "nope"));
        String forged = hs256(claims().claim("tenant", PAYLOAD_MARKER).build(), Pipeline.JWT_SECRET);
        call(pipeline.gatewayUrl(), "GET", "/product/LOGS-1", "Bearer " + forged);

        String logs = output.getAll();
        assertThat(logs).contains("LOGS-1"); // ids are logged: the capture works
        assertThat(logs).doesNotContain(Pipeline.JWT_SECRET, token, forged, PAYLOAD_MARKER,
                signatureOf(token));
        assertThat(logs).doesNotContain(infrastructure.s3SecretKey());
        if (infrastructure.jdbcPassword().length() >= 12) {
            assertThat(logs).doesNotContain(infrastructure.jdbcPassword());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static ConfigurableApplicationContext startRs256Gateway() {
        Map<String, Object> properties = new HashMap<>(pipeline.isolation().springProperties());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("spring.profiles.active", "local");
        properties.put("catalog.security.jwt.jwks-uri", provider.uri());
        properties.put("catalog.security.jwt.secret", "");
        properties.put("catalog.security.jwt.issuer", Pipeline.ISSUER);
        properties.put("catalog.security.jwt.audience", Pipeline.AUDIENCE);
        properties.put("catalog.security.jwt.jwks-timeout", "2s");
        properties.put("spring.main.banner-mode", "off");
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class).web(WebApplicationType.SERVLET).run(args);
    }

    private static Http.Answer call(String gateway, String method, String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if ("POST".equals(method)) {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"never stored\"}"));
        } else {
            builder.GET();
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(Pipeline.ISSUER).audience(Pipeline.AUDIENCE).subject("someone")
                .issueTime(Date.from(now.minusSeconds(300))).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("tenant", "tenant-a").claim("roles", List.of("user"));
    }

    private static String bearer(UnaryOperator<JWTClaimsSet.Builder> change) {
        return "Bearer " + hs256(change.apply(claims()).build(), Pipeline.JWT_SECRET);
    }

    private static String hs256(JWTClaimsSet claims, String secret) {
        return hs256(claims, secret.getBytes(UTF_8));
    }

    private static String hs256(JWTClaimsSet claims, byte[] secret) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String rs256(JWTClaimsSet claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String signatureOf(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private static byte[] publicKeyBytes() {
        try {
            return IdentityProvider.KEY.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tiny identity provider: the public half of one RSA key as a JWKS, or a 500 while {@code failing}. */
    static final class IdentityProvider implements AutoCloseable {

        static final RSAKey KEY = rsaKey("provider-key-1");
        static final RSAKey STRANGER = rsaKey("stranger-key");

        private final HttpServer server;
        volatile boolean failing;

        IdentityProvider() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(UTF_8);
            server.createContext("/jwks", exchange -> {
                if (failing) {
                    exchange.sendResponseHeaders(500, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
        }

        private static RSAKey rsaKey(String keyId) {
            try {
                return new RSAKeyGenerator(2048).keyID(keyId).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
