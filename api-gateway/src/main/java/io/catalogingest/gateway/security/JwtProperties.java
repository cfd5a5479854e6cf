package io.catalogingest.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * How bearer tokens are checked: HS256 with {@code secret} (local use) or RS256 keys from {@code jwksUri}
 * (production). Issuer and audience are always required.
 */
@Validated
@ConfigurationProperties("catalog.security.jwt")
public record JwtProperties(String secret, String jwksUri, @NotBlank String issuer, @NotBlank String audience,
                            @NotBlank String tenantClaim, @NotBlank String rolesClaim) {

    @Override
    public String toString() {
        return "JwtProperties[secret=" + (secret == null ? "none" : "***") + ", jwksUri=" + jwksUri + ", issuer="
                + issuer + ", audience=" + audience + ", tenantClaim=" + tenantClaim + ", rolesClaim=" + rolesClaim
                + "]";
    }
}
