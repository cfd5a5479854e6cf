package io.catalogingest.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Mints HS256 tokens the test pipeline accepts (or, on purpose, does not). */
final class Tokens {

    private Tokens() {
    }

    static String user(String tenant) {
        return mint(tenant, List.of("user"), Pipeline.AUDIENCE, Instant.now().plusSeconds(600));
    }

    static String admin(String tenant) {
        return mint(tenant, List.of("user", "admin"), Pipeline.AUDIENCE, Instant.now().plusSeconds(600));
    }

    /** A user of the workspace other than {@code test-user} (whom the other tokens name). */
    static String user(String tenant, String subject) {
        return mint(tenant, subject, List.of("user"), Pipeline.AUDIENCE, Instant.now().plusSeconds(600));
    }

    /** An admin of the workspace other than {@code test-user}. */
    static String admin(String tenant, String subject) {
        return mint(tenant, subject, List.of("user", "admin"), Pipeline.AUDIENCE, Instant.now().plusSeconds(600));
    }

    static String mint(String tenant, List<String> roles, String audience, Instant expiresAt) {
        return mint(tenant, "test-user", roles, audience, expiresAt);
    }

    static String mint(String tenant, String subject, List<String> roles, String audience, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(Pipeline.ISSUER)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(expiresAt))
                .claim("roles", roles);
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(Pipeline.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
