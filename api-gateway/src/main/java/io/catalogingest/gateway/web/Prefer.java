package io.catalogingest.gateway.web;

import java.util.Locale;

/** RFC 7240 {@code Prefer} header. */
public final class Prefer {

    public static final String HEADER = "Prefer";

    private Prefer() {
    }

    public static boolean respondAsync(String header) {
        if (header == null) {
            return false;
        }
        for (String preference : header.toLowerCase(Locale.ROOT).split(",")) {
            if (preference.trim().startsWith("respond-async")) {
                return true;
            }
        }
        return false;
    }
}
