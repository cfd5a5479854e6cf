package io.catalogingest.common;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one parser of the UUIDs that name releases, tracks, media, requests, UPC blocks and messages: the canonical
 * form {@code 8-4-4-4-12} hex digits, in either case. {@link UUID#fromString} is lenient ({@code 1-2-3-4-5} parses)
 * and throws; this is neither. The typed ids ({@link ReleaseId#parse}, {@link TrackId#parse}, {@link MediaId#parse})
 * parse through it.
 */
public final class Ids {

    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    /** The UUID {@code text} names; empty when it is null or not a UUID in the canonical form. */
    public static Optional<UUID> uuid(String text) {
        return text != null && CANONICAL.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }
}
