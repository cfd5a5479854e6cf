package io.catalogingest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Date;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;

/** The production mode: RS256 tokens checked against keys fetched from a JWKS URL. */
class JwksJwtDecoderTest {

    private static final RSAKey KEY = TestTokens.rsaKey("key-1");
    private static final RSAKey OTHER_KEY = TestTokens.rsaKey("other");
    private static JwksServer provider;
    private static JwtDecoder decoder;

    @BeforeAll
    static void start() {
        provider = new JwksServer(KEY);
        decoder = SecurityConfiguration.decoder(TestTokens.rs256(provider.uri("/jwks")));
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void acceptsATokenSignedWithThePublishedKey() {
        String token = TestTokens.rs256(TestTokens.claims().build(), KEY);

        assertThat(decoder.decode(token).getClaimAsString("tenant")).isEqualTo("tenant-a");
        assertThat(provider.fetches()).isPositive();
    }

    static Stream<Arguments> refusedTokens() throws JOSEException {
        Instant now = Instant.now();
        String noKey = "no matching key";
        return Stream.of(
                Arguments.of("signed by another key under the same kid", "Invalid signature",
                        TestTokens.rs256(TestTokens.claims().build(), new RSAKey.Builder(OTHER_KEY).keyID("key-1").build())),
                Arguments.of("signed by a key the provider does not publish", noKey,
                        TestTokens.rs256(TestTokens.claims().build(), OTHER_KEY)),
                Arguments.of("HS256 keyed with the public key (algorithm confusion)", noKey,
                        TestTokens.hs256(TestTokens.claims().build(), KEY.toRSAPublicKey().getEncoded(),
                                JWSAlgorithm.HS256)),
                Arguments.of("HS256 with the local secret", noKey, TestTokens.hs256(TestTokens.claims().build())),
                Arguments.of("alg none", "algorithm of none", TestTokens.unsigned(TestTokens.claims().build())),
                Arguments.of("expired", "Jwt expired", TestTokens.rs256(TestTokens.claims()
                        .expirationTime(Date.from(now.minusSeconds(120))).build(), KEY)),
                Arguments.of("not yet valid", "Jwt used before", TestTokens.rs256(TestTokens.claims()
                        .notBeforeTime(Date.from(now.plusSeconds(120))).build(), KEY)),
                Arguments.of("wrong audience", "not meant for audience",
                        TestTokens.rs256(TestTokens.claims().audience("other").build(), KEY)),
                Arguments.of("wrong issuer", "iss claim is not valid",
                        TestTokens.rs256(TestTokens.claims().issuer("other").build(), KEY)),
                Arguments.of("no tenant", "no valid 'tenant' claim",
                        TestTokens.rs256(TestTokens.claims().claim("tenant", null).build(), KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refuses(String why, String reason, String token) {
        assertThatThrownBy(() -> decoder.decode(token)).as(why).isInstanceOf(BadJwtException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void cachesTheKeysAndDoesNotLetMadeUpKeyIdsHammerTheProvider() {
        decoder.decode(TestTokens.rs256(TestTokens.claims().build(), KEY));
        int before = provider.fetches();

        for (int i = 0; i < 5; i++) {
            decoder.decode(TestTokens.rs256(TestTokens.claims().build(), KEY));
        }
        for (int i = 0; i < 10; i++) {
            String forged = TestTokens.rs256(TestTokens.claims().build(),
                    new RSAKey.Builder(OTHER_KEY).keyID("made-up-" + i).build());
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        }

        assertThat(provider.fetches() - before).as("JWKS fetches").isLessThanOrEqualTo(2);
    }

    @Test
    void aProviderThatFailsIsNotTheCallersFault() throws IOException {
        String token = TestTokens.rs256(TestTokens.claims().build(), KEY);
        JwtDecoder failing = SecurityConfiguration.decoder(TestTokens.rs256(provider.uri("/broken")));
        JwtDecoder unreachable = SecurityConfiguration.decoder(TestTokens.rs256("http://127.0.0.1:" + closedPort()
                + "/jwks"));

        // a JwtException that is not a BadJwtException: the gateway answers 503, not 401
        assertThatThrownBy(() -> failing.decode(token)).isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> unreachable.decode(token)).isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
