package io.catalogingest.gateway.security;

import java.util.List;

/**
 * Role names carried in the token's roles claim, Royalti's ladder from lowest to highest: {@code guest < user < admin
 * < owner < super_admin < main_super_admin}. A guest may call nothing; a user works on their own releases; an admin
 * and every role above it manage the whole workspace (ADR 0023).
 */
public final class Roles {

    public static final String GUEST = "guest";
    public static final String USER = "user";
    public static final String ADMIN = "admin";
    public static final String OWNER = "owner";
    public static final String SUPER_ADMIN = "super_admin";
    public static final String MAIN_SUPER_ADMIN = "main_super_admin";

    /** The admin role and every role above it. */
    public static final List<String> ADMINS = List.of(ADMIN, OWNER, SUPER_ADMIN, MAIN_SUPER_ADMIN);
    /** Every role that may call the API: a user and above. */
    public static final List<String> MEMBERS = List.of(USER, ADMIN, OWNER, SUPER_ADMIN, MAIN_SUPER_ADMIN);

    private Roles() {
    }
}
