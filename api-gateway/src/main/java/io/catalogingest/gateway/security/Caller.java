package io.catalogingest.gateway.security;

import java.util.Set;

/** Who is calling: the tenant every read and write is scoped to, the token subject, and the roles. */
public record Caller(String tenantId, String subject, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** An admin or a role above it (owner, super_admin, main_super_admin): the whole workspace is theirs to manage. */
    public boolean isAdmin() {
        return Roles.ADMINS.stream().anyMatch(roles::contains);
    }
}
