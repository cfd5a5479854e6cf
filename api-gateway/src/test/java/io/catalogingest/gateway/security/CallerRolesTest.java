package io.catalogingest.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** Roles come from the roles claim, as a list or a space/comma separated string; nothing else grants one. */
class CallerRolesTest {

    private final JwtProperties properties = TestTokens.hs256(Duration.ofSeconds(30));

    @Test
    void readsAList() {
        assertThat(CallerArgumentResolver.roles(jwt(Map.of("roles", List.of("user", "admin"))), properties))
                .containsExactlyInAnyOrder("user", "admin");
    }

    @Test
    void readsAString() {
        assertThat(CallerArgumentResolver.roles(jwt(Map.of("roles", "user, admin")), properties))
                .containsExactlyInAnyOrder("user", "admin");
    }

    @Test
    void noClaimNoRoles() {
        assertThat(CallerArgumentResolver.roles(jwt(Map.of("scope", "admin")), properties)).isEmpty();
        assertThat(CallerArgumentResolver.roles(jwt(Map.of("roles", Map.of("admin", true))), properties)).isEmpty();
    }

    @Test
    void adminIsAnExactRoleName() {
        Caller caller = new Caller("tenant-a", "someone",
                CallerArgumentResolver.roles(jwt(Map.of("roles", List.of("Admin", "administrator"))), properties));

        assertThat(caller.isAdmin()).isFalse();
    }

    @Test
    void everyRoleFromAdminUpIsAnAdmin() {
        for (String role : List.of("admin", "owner", "super_admin", "main_super_admin")) {
            assertThat(new Caller("tenant-a", "someone", java.util.Set.of("user", role)).isAdmin()).as(role).isTrue();
        }
        for (String role : List.of("user", "guest")) {
            assertThat(new Caller("tenant-a", "someone", java.util.Set.of(role)).isAdmin()).as(role).isFalse();
        }
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "HS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claim("tenant", "tenant-a");
        claims.forEach(builder::claim);
        return builder.build();
    }
}
