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
    UPC_LOW_THRESHOLD("upc-low-threshold");

    private static final long MAX_THRESHOLD = 1_000_000_000_000L;

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
            case AUTO_UPC -> {
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

    /** The JSON value of a normalized text: a boolean or a number. */
    public Object typed(String normalized) {
        return switch (this) {
            case AUTO_UPC -> Boolean.parseBoolean(normalized);
            case UPC_LOW_THRESHOLD -> Long.parseLong(normalized);
        };
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
