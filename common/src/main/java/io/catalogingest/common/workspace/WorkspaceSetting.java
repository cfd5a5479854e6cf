package io.catalogingest.common.workspace;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings a workspace admin can change ({@code PUT /tenant/settings/{name}} with {@code {"value": …}}, Royalti's
 * style), and what each accepts. Values are kept in a normalized text form; {@link #typed} gives the JSON value.
 */
public enum WorkspaceSetting {

    /**
     * Whether products created without a UPC get one from the workspace's GS1 blocks ({@code true}) or Royalti's
     * {@code TEMP} placeholder ({@code false}). Accepts a boolean or {@code "true"} / {@code "false"}.
     */
    AUTO_UPC("auto-upc"),

    /**
     * Below this many free numbers in the workspace's active UPC blocks, product answers carry a warning and a
     * {@code catalog.upc.block-low.v1} event is published. A whole number from 0 (never warn) up.
     */
    UPC_LOW_THRESHOLD("upc-low-threshold"),

    /**
     * Where the workspace's webhooks are delivered: an absolute {@code https} or {@code http} URL without user info,
     * at most 2048 characters; empty to remove it. Whether the host may be private is the dispatcher's decision.
     */
    WEBHOOK_URL("webhook-url"),

    /** Whether webhooks are delivered: a boolean or {@code "true"} / {@code "false"}. */
    WEBHOOK_IS_ACTIVE("webhook-isActive"),

    /**
     * Which events are delivered: comma-separated names ({@code RELEASE_SUBMITTED,MEDIA_PROMOTED}), a category
     * ({@code RELEASE_*}), or empty / {@code *} for all of them.
     */
    WEBHOOK_ENABLED_EVENTS("webhook-enabledEvents");

    private static final long MAX_THRESHOLD = 1_000_000_000_000L;
    private static final int MAX_URL = 2048;
    private static final java.util.regex.Pattern EVENT_NAME =
            java.util.regex.Pattern.compile("(PRODUCT|ASSET|RELEASE|MEDIA)(_[A-Z0-9]+)*(_\\*)?");

    private final String settingName;

    WorkspaceSetting(String settingName) {
        this.settingName = settingName;
    }

    /** The name in paths and commands, e.g. {@code auto-upc}. */
    public String settingName() {
        return settingName;
    }

    public static Optional<WorkspaceSetting> byName(String name) {
        return Arrays.stream(values()).filter(setting -> setting.settingName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(WorkspaceSetting::settingName).toList();
    }

    /**
     * The normalized text form of a value given as a JSON scalar (a string, boolean or number, as Java objects).
     *
     * @return the normalized value, or empty with {@code problem} telling what is wrong
     */
    public Normalized normalize(Object value) {
        if (value == null) {
            return Normalized.problem("is required");
        }
        String text = value.toString().strip();
        return switch (this) {
            case WEBHOOK_URL -> url(text);
            case WEBHOOK_ENABLED_EVENTS -> events(text);
            case AUTO_UPC, WEBHOOK_IS_ACTIVE -> {
                if (value instanceof Boolean || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    yield Normalized.value(text.toLowerCase(Locale.ROOT));
                }
                yield Normalized.problem("must be true or false, got '" + abbreviate(text) + "'");
            }
            case UPC_LOW_THRESHOLD -> {
                if (value instanceof Boolean || !text.matches("[0-9]{1,13}")
                        || Long.parseLong(text) > MAX_THRESHOLD) {
                    yield Normalized.problem("must be a whole number from 0 to " + MAX_THRESHOLD + ", got '"
                            + abbreviate(text) + "'");
                }
                yield Normalized.value(Long.toString(Long.parseLong(text)));
            }
        };
    }

    /** The JSON value of a normalized text: a boolean, a number, a string, or a list of event names. */
    public Object typed(String normalized) {
        return switch (this) {
            case AUTO_UPC, WEBHOOK_IS_ACTIVE -> Boolean.parseBoolean(normalized);
            case UPC_LOW_THRESHOLD -> Long.parseLong(normalized);
            case WEBHOOK_URL -> normalized;
            case WEBHOOK_ENABLED_EVENTS -> normalized.isEmpty() ? List.of()
                    : Arrays.stream(normalized.split(",")).toList();
        };
    }

    private static Normalized url(String text) {
        if (text.isEmpty()) {
            return Normalized.value("");
        }
        if (text.length() > MAX_URL) {
            return Normalized.problem("must be at most " + MAX_URL + " characters");
        }
        try {
            java.net.URI uri = new java.net.URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return Normalized.problem("must be an absolute http(s) URL with a host, without user info or fragment");
            }
            return Normalized.value(uri.toString());
        } catch (java.net.URISyntaxException e) {
            return Normalized.problem("is not a URL: " + abbreviate(e.getReason()));
        }
    }

    private static Normalized events(String text) {
        if (text.isEmpty() || text.equals("*")) {
            return Normalized.value("");
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String entry : text.split(",")) {
            String name = entry.strip().toUpperCase(Locale.ROOT);
            if (!EVENT_NAME.matcher(name).matches()) {
                return Normalized.problem("'" + abbreviate(entry.strip()) + "' is not a product, asset, release or "
                        + "media event name (e.g. RELEASE_SUBMITTED, MEDIA_*)");
            }
            names.add(name);
        }
        return Normalized.value(String.join(",", names));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** A normalized value, or what is wrong with the given one. */
    public record Normalized(String value, String problem) {

        static Normalized value(String value) {
            return new Normalized(value, null);
        }

        static Normalized problem(String problem) {
            return new Normalized(null, problem);
        }

        public boolean ok() {
            return problem == null;
        }
    }
}
