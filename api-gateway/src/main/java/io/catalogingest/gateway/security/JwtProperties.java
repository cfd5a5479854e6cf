package io.catalogingest.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * How bearer tokens are checked: HS256 with {@code secret} (local use) or RS256 keys from {@code jwksUri}
 * (production; when set, the secret is ignored). Issuer and audience are always required.
 *
 * @param secret      HS256 key, at least 32 bytes ({@code JWT_SECRET}); never printed
 * @param jwksUri     where the identity provider publishes its RS256 public keys ({@code JWT_JWKS_URI})
 * @param clockSkew   how far {@code exp} and {@code nbf} may be off the gateway's clock ({@code JWT_CLOCK_SKEW},
 *                    0 to 5 minutes)
 * @param jwksTimeout connect and read timeout of a JWKS fetch; a provider that does not answer in time is a 503
 */
@Validated
@ConfigurationProperties("catalog.security.jwt")
public record JwtProperties(String secret, String jwksUri, @NotBlank String issuer, @NotBlank String audience,
                            @NotBlank @DefaultValue("tenant") String tenantClaim,
                            @NotBlank @DefaultValue("roles") String rolesClaim,
                            @NotNull @DefaultValue("30s") Duration clockSkew,
                            @NotNull @DefaultValue("5s") Duration jwksTimeout) {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public JwtProperties {
        if (clockSkew != null && (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0)) {
            throw new IllegalArgumentException("catalog.security.jwt.clock-skew must be between 0 and "
                    + MAX_CLOCK_SKEW + ", was " + clockSkew);
        }
    }

    /** RS256 via a JWKS URL when one is configured, else HS256 with the secret. */
    public boolean usesJwks() {
        return jwksUri != null && !jwksUri.isBlank();
    }

    @Override
    public String toString() {
        return "JwtProperties[secret=" + (secret == null ? "none" : "***") + ", jwksUri=" + jwksUri + ", issuer="
                + issuer + ", audience=" + audience + ", tenantClaim=" + tenantClaim + ", rolesClaim=" + rolesClaim
                + ", clockSkew=" + clockSkew + ", jwksTimeout=" + jwksTimeout + "]";
    }
}
