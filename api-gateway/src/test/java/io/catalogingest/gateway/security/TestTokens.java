package io.catalogingest.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Mints tokens for the security tests: valid ones, and every way of getting one wrong. */
final class TestTokens {

    static final String SECRET = "unit-test-secret-of-at-least-32-bytes!!";
    static final String ISSUER = "catalog-ingest-test";
    static final String AUDIENCE = "catalog-ingest";

    private TestTokens() {
    }

    /** Properties for an HS256 gateway with the given clock skew. */
    static JwtProperties hs256(Duration clockSkew) {
        return new JwtProperties(SECRET, null, ISSUER, AUDIENCE, "tenant", "roles", clockSkew, Duration.ofSeconds(2));
    }

    /** Properties for an RS256 gateway that reads its keys from {@code jwksUri}. */
    static JwtProperties rs256(String jwksUri) {
        return new JwtProperties(null, jwksUri, ISSUER, AUDIENCE, "tenant", "roles", Duration.ofSeconds(30),
                Duration.ofSeconds(2));
    }

    /** Claims a gateway accepts: tenant-a, role user, valid for ten minutes. */
    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("someone")
                .issueTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("tenant", "tenant-a")
                .claim("roles", List.of("user"));
    }

    static String hs256(JWTClaimsSet claims) {
        return hs256(claims, SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256);
    }

    static String hs256(JWTClaimsSet claims, byte[] secret, JWSAlgorithm algorithm) {
        return sign(new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims),
                secret);
    }

    static String rs256(JWTClaimsSet claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** {@code alg: none}: no signature at all. */
    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** {@code alg: none} in the header, with a signature of a valid token glued on. */
    static String unsignedWithStolenSignature(JWTClaimsSet claims) {
        String signed = hs256(claims);
        return unsigned(claims) + signed.substring(signed.lastIndexOf('.') + 1);
    }

    static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(SignedJWT jwt, byte[] secret) {
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
