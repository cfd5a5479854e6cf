package io.catalogingest.common.catalog;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * International Standard Recording Code (ISO 3901): country code (2 letters), registrant (3 letters or digits),
 * year (2 digits), designation (5 digits). Written {@code CC-XXX-YY-NNNNN} or without hyphens; kept in the
 * 12-character form without hyphens, upper case.
 */
public final class Isrc {

    private static final Pattern COMPACT = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{2}[0-9]{5}");
    private static final Pattern HYPHENATED = Pattern.compile("[A-Z]{2}-[A-Z0-9]{3}-[0-9]{2}-[0-9]{5}");

    private Isrc() {
    }

    /**
     * The code in its stored form ({@code USRC17607839}), or empty when {@code candidate} is not an ISRC written
     * {@code CC-XXX-YY-NNNNN} or {@code CCXXXYYNNNNN} (letters in either case).
     */
    public static Optional<String> normalize(String candidate) {
        if (candidate == null) {
            return Optional.empty();
        }
        String upper = candidate.strip().toUpperCase(Locale.ROOT);
        if (COMPACT.matcher(upper).matches()) {
            return Optional.of(upper);
        }
        if (HYPHENATED.matcher(upper).matches()) {
            return Optional.of(upper.replace("-", ""));
        }
        return Optional.empty();
    }

    /** The stored form written with hyphens: {@code US-RC1-76-07839}. */
    public static String hyphenated(String normalized) {
        if (normalized == null || !COMPACT.matcher(normalized).matches()) {
            throw new IllegalArgumentException("not a normalized ISRC: " + normalized);
        }
        return normalized.substring(0, 2) + "-" + normalized.substring(2, 5) + "-" + normalized.substring(5, 7)
                + "-" + normalized.substring(7);
    }
}
