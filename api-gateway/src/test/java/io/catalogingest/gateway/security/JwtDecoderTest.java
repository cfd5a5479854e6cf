package io.catalogingest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The HS256 decoder with every check the gateway makes. A refusal must be a {@link BadJwtException}: the filter
 * chain turns that into a 401 (any other JwtException means the keys could not be had, a 503).
 */
class JwtDecoderTest {

    private final JwtDecoder decoder = SecurityConfiguration.decoder(TestTokens.hs256(Duration.ofSeconds(30)));

    @Test
    void acceptsAValidToken() {
        Jwt jwt = decoder.decode(TestTokens.hs256(TestTokens.claims().build()));

        assertThat(jwt.getClaimAsString("tenant")).isEqualTo("tenant-a");
        assertThat(jwt.getSubject()).isEqualTo("someone");
    }

    static Stream<Arguments> refusedTokens() {
        Instant now = Instant.now();
        String tenant = "no valid 'tenant' claim";
        String signature = "Signed JWT rejected";
        return Stream.of(
                token("expired beyond the skew", "Jwt expired", c -> c.expirationTime(Date.from(now.minusSeconds(60)))),
                token("not yet valid beyond the skew (nbf)", "Jwt used before",
                        c -> c.notBeforeTime(Date.from(now.plusSeconds(60)))),
                token("no expiry", "exp is required", c -> c.expirationTime(null)),
                token("wrong issuer", "iss claim is not valid", c -> c.issuer("someone-else")),
                token("no issuer", "iss claim is not valid", c -> c.issuer(null)),
                token("wrong audience", "not meant for audience", c -> c.audience("another-service")),
                token("no audience", "not meant for audience", c -> c.audience((String) null)),
                token("no tenant", tenant, c -> c.claim("tenant", null)),
                token("empty tenant", tenant, c -> c.claim("tenant", "")),
                token("tenant with a path", tenant, c -> c.claim("tenant", "../tenant-b")),
                token("tenant with SQL", tenant, c -> c.claim("tenant", "a' or '1'='1")),
                token("tenant as a number", tenant, c -> c.claim("tenant", 42)),
                token("tenant as a list", tenant, c -> c.claim("tenant", List.of("tenant-a", "tenant-b"))),
                Arguments.of("signed with another secret", signature, TestTokens.hs256(TestTokens.claims().build(),
                        "another-secret-of-at-least-32-bytes!!!".getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256)),
                Arguments.of("HS512 with the right secret", signature, TestTokens.hs256(TestTokens.claims().build(),
                        (TestTokens.SECRET + TestTokens.SECRET).getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS512)),
                Arguments.of("RS256", signature, TestTokens.rs256(TestTokens.claims().build(), TestTokens.rsaKey("k1"))),
                Arguments.of("alg none", "algorithm of none", TestTokens.unsigned(TestTokens.claims().build())),
                Arguments.of("alg none with a stolen signature", "Malformed token",
                        TestTokens.unsignedWithStolenSignature(TestTokens.claims().build())),
                Arguments.of("payload swapped under a valid signature", "Invalid signature", swappedPayload()),
                Arguments.of("not a JWT", "Malformed token", "not-a-jwt"),
                Arguments.of("two segments", "Malformed token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0"),
                Arguments.of("garbage base64", "Malformed token", "!!!.???.***"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refuses(String why, String reason, String token) {
        assertThatThrownBy(() -> decoder.decode(token)).as(why).isInstanceOf(BadJwtException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void toleratesTheConfiguredClockSkewAndNoMore() {
        Instant now = Instant.now();
        String expiredJustNow = TestTokens.hs256(TestTokens.claims().issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(10))).build());
        String validInAMoment = TestTokens.hs256(TestTokens.claims().notBeforeTime(Date.from(now.plusSeconds(10)))
                .build());

        assertThat(decoder.decode(expiredJustNow).getSubject()).isEqualTo("someone");
        assertThat(decoder.decode(validInAMoment).getSubject()).isEqualTo("someone");

        JwtDecoder strict = SecurityConfiguration.decoder(TestTokens.hs256(Duration.ZERO));
        assertThatThrownBy(() -> strict.decode(expiredJustNow)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> strict.decode(validInAMoment)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void acceptsAnAudienceListThatNamesTheGateway() {
        String token = TestTokens.hs256(TestTokens.claims().audience(List.of("other", TestTokens.AUDIENCE)).build());

        assertThat(decoder.decode(token).getAudience()).contains(TestTokens.AUDIENCE);
    }

    @Test
    void refusesAShortSecretAtStartup() {
        JwtProperties weak = new JwtProperties("too-short", null, TestTokens.ISSUER, TestTokens.AUDIENCE, "tenant",
                "roles", Duration.ofSeconds(30), Duration.ofSeconds(5));

        assertThatThrownBy(() -> SecurityConfiguration.decoder(weak)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("too-short");
    }

    @Test
    void refusesALargeClockSkew() {
        assertThatThrownBy(() -> TestTokens.hs256(Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestTokens.hs256(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(TestTokens.hs256(Duration.ofSeconds(30)).toString())
                .doesNotContain(TestTokens.SECRET).contains("secret=***");
    }

    private static Arguments token(String why, String reason, UnaryOperator<JWTClaimsSet.Builder> change) {
        return Arguments.of(why, reason, TestTokens.hs256(change.apply(TestTokens.claims()).build()));
    }

    /** A valid token of tenant-a whose payload was replaced by one naming tenant-b. */
    private static String swappedPayload() {
        String valid = TestTokens.hs256(TestTokens.claims().build());
        String other = TestTokens.hs256(TestTokens.claims().claim("tenant", "tenant-b").build());
        String[] a = valid.split("\\.");
        String[] b = other.split("\\.");
        return a[0] + "." + b[1] + "." + a[2];
    }
}
