package io.catalogingest.gateway.security;

/** Role names carried in the token's roles claim. */
public final class Roles {

    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
