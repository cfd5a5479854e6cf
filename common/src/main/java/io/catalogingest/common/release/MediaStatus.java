package io.catalogingest.common.release;

import java.util.Locale;

/**
 * Where a media row is ({@code media.status}): its upload {@code registered} in the temporary bucket, refused
 * ({@code rejected}), or {@code promoted} to the permanent bucket. Stored lowercase.
 */
public enum MediaStatus {
    REGISTERED,
    REJECTED,
    PROMOTED;

    /** The stored (and shown) name: lowercase. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
