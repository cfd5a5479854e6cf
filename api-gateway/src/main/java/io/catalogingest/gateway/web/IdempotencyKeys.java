package io.catalogingest.gateway.web;

import java.util.List;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiException;

/** Checks the {@code Idempotency-Key} header. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKeys() {
    }

    /** The key, or null when none was sent; a malformed key is a 400. */
    public static String check(String key) {
        if (key == null) {
            return null;
        }
        if (!key.matches("[\\x21-\\x7E]{1,255}")) {
            throw ApiException.badRequest("Invalid Idempotency-Key",
                    List.of(new FieldError(HEADER, "must be 1-255 visible ASCII characters")));
        }
        return key;
    }
}
