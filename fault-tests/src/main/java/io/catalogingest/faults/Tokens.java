package io.catalogingest.faults;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/** HS256 tokens as {@code ./catalog token} mints them: iss, aud, sub, iat, exp, tenant, roles. */
final class Tokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SuiteOptions.Environment env;

    Tokens(SuiteOptions.Environment env) {
        this.env = env;
    }

    String mint(String tenant, List<String> roles, Duration ttl) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", env.jwtIssuer());
        claims.put("aud", env.jwtAudience());
        claims.put("sub", "fault-suite");
        claims.put("iat", now - 5);
        claims.put("exp", now + ttl.toSeconds());
        claims.put("tenant", tenant);
        claims.put("roles", roles);
        String signing = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(env.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signing + "." + B64.encodeToString(mac.doFinal(signing.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
