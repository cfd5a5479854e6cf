package io.catalogingest.gateway.security;

import java.util.Set;

/** Who is calling: the tenant every read and write is scoped to, the token subject, and the roles. */
public record Caller(String tenantId, String subject, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }
}
