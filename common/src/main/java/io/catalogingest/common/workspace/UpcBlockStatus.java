package io.catalogingest.common.workspace;

import java.util.Locale;

/** Whether a UPC block still issues numbers ({@code upc_block.status}, stored lowercase). */
public enum UpcBlockStatus {
    ACTIVE,
    /** Retired by an admin: it issues no more numbers; those it issued stay. */
    RETIRED;

    /** The stored (and shown) name: lowercase. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
