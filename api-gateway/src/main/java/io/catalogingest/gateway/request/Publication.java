package io.catalogingest.gateway.request;

import java.util.Locale;

/** Whether the broker took a request's command ({@code request.publication}, stored lowercase). */
public enum Publication {
    /** Being published. */
    PENDING,
    /** Acknowledged by the broker. */
    SENT,
    /** No acknowledgement in time; it may still arrive (the command is kept for the re-sender, ADR 0014). */
    UNKNOWN;

    /** The stored name: lowercase. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
