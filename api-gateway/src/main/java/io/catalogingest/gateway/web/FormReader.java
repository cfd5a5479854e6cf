package io.catalogingest.gateway.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.Isrc;
import io.catalogingest.common.upc.Gtin;
import tools.jackson.databind.JsonNode;

/**
 * The one form kit: reads the fields of a JSON form, collecting every violation per field with the same message for
 * the same fault, and states the limits forms share. A form reads all its fields, then calls {@link #check(String)}.
 */
public final class FormReader {

    /** Longest id a client may choose for a product, artist or asset. */
    public static final int ID_MAX = 100;
    /** The client-chosen id, as the OpenAPI document states it (the length is {@link #ID_MAX}). */
    public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";
    public static final int TRACK_NUMBER_MAX = 9999;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (ID_MAX - 1) + "}");
    /** Longer than any allowed value of {@link #exactly}: a longer one is named as not allowed, not as too long. */
    private static final int ONE_OF_MAX = 255;
    private static final String BAD_DATE = "must be a date as YYYY-MM-DD";

    private final List<FieldError> errors;

    public FormReader() {
        this(new ArrayList<>());
    }

    /** A reader adding to {@code errors} (violations found before reading, or a caller's own list). */
    public FormReader(List<FieldError> errors) {
        this.errors = errors;
    }

    /** How a text field is read. */
    public record Text(int max, boolean required, boolean numbers, boolean lineBreaks) {

        /** A required string (a number is taken as its text); tabs and line breaks allowed. */
        public static Text required(int max) {
            return new Text(max, true, true, true);
        }

        /** An optional string (a number is taken as its text); tabs and line breaks allowed. */
        public static Text optional(int max) {
            return new Text(max, false, true, true);
        }

        /** The same, but only a JSON string is taken, and no control character at all (tabs and line breaks too). */
        public Text stringOnly() {
            return new Text(max, required, false, false);
        }
    }

    /**
     * @return the body as an object
     * @throws FormException when it is not one
     */
    public static JsonNode body(JsonNode body, String refusal) {
        if (body == null || !body.isObject()) {
            throw new FormException(refusal, List.of(new FieldError(null, "the body must be a JSON object")));
        }
        return body;
    }

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /**
     * @throws FormException with every violation found, if there is one
     */
    public void check(String refusal) {
        if (!errors.isEmpty()) {
            throw new FormException(refusal, errors);
        }
    }

    /** Names every field of {@code object} not in {@code known}; {@code at} prefixes the names (null: none). */
    public void unknownFields(JsonNode object, String at, Set<String> known, String what) {
        object.propertyNames().forEach(name -> {
            if (!known.contains(name)) {
                add(at == null ? name : at + "." + name, "is not a field of " + what);
            }
        });
    }

    /** The stripped text of {@code parent.name}, reported as {@code field}; null when absent, blank or refused. */
    public String text(JsonNode parent, String name, String field, Text rule) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return missing(field, rule);
        }
        if (!node.isString() && !(rule.numbers() && node.isNumber())) {
            add(field, "must be a string");
            return null;
        }
        String value = node.asString().strip();
        if (value.isEmpty()) {
            return missing(field, rule);
        }
        if (value.codePointCount(0, value.length()) > rule.max()) {
            add(field, "must be at most " + rule.max() + " characters");
            return null;
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c)
                && !(rule.lineBreaks() && (c == '\n' || c == '\t')))) {
            add(field, "must not contain control characters");
            return null;
        }
        return value;
    }

    public String text(JsonNode parent, String field, Text rule) {
        return text(parent, field, field, rule);
    }

    private String missing(String field, Text rule) {
        if (rule.required()) {
            add(field, "is required");
        }
        return null;
    }

    /** The allowed value {@code field} names, ignoring case; {@code fallback} when absent. */
    public String oneOf(JsonNode parent, String field, int max, List<String> allowed, String fallback) {
        String value = text(parent, field, Text.optional(max));
        if (value == null) {
            return fallback;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        add(field, oneOfRule(allowed));
        return null;
    }

    /** A required JSON string that must be one of {@code allowed}, exactly as written (after stripping). */
    public String exactly(JsonNode parent, String field, List<String> allowed) {
        String value = text(parent, field, Text.required(ONE_OF_MAX).stringOnly());
        if (value != null && !allowed.contains(value)) {
            add(field, oneOfRule(allowed));
            return null;
        }
        return value;
    }

    private static String oneOfRule(List<String> allowed) {
        return "must be one of " + String.join(", ", allowed);
    }

    /** A client-chosen id: {@link #ID_MAX} characters at most, letters, digits and . _ : -. */
    public String id(JsonNode parent, String field, boolean numbers) {
        Text rule = Text.optional(ID_MAX);
        String id = text(parent, field, numbers ? rule : rule.stringOnly());
        if (id != null && !ID.matcher(id).matches()) {
            add(field, "may only use letters, digits and . _ : - and must start with a letter or digit");
            return null;
        }
        return id;
    }

    /** A GTIN-12 or GTIN-13 given as {@code value}, which may be null (absent). */
    public String gtin(String value, String field) {
        if (value != null && !Gtin.isValid(value)) {
            add(field, gtinRule());
            return null;
        }
        return value;
    }

    public static String gtinRule() {
        return "must be a valid GTIN-12 or GTIN-13 (digits with a GS1 check digit)";
    }

    /** An ISRC given as {@code value}, which may be null (absent), in its normal form. */
    public String isrc(String value, String field) {
        if (value == null) {
            return null;
        }
        Optional<String> isrc = Isrc.normalize(value);
        if (isrc.isEmpty()) {
            add(field, "must be an ISRC written CC-XXX-YY-NNNNN (country, registrant, year, designation), "
                    + "with or without hyphens");
        }
        return isrc.orElse(null);
    }

    /**
     * A date as YYYY-MM-DD; with {@code dateTimes}, a date-time too (its date is taken). Null when absent or blank.
     */
    public LocalDate date(JsonNode parent, String field, boolean dateTimes) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return null;
        }
        String text = node.isString() || node.isNumber() ? node.asString().strip() : "";
        String day = dateTimes && text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text;
        if (!dateTimes && day.length() > 10) {
            add(field, BAD_DATE);
            return null;
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            add(field, BAD_DATE);
            return null;
        }
    }

    /**
     * {@code true}, {@code false}, {@code "explicit"} or {@code "clean"}; false when absent or blank, null when
     * refused.
     */
    public Boolean explicit(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            switch (node.asString().strip().toLowerCase(Locale.ROOT)) {
                case "true", "explicit" -> {
                    return true;
                }
                case "false", "clean", "" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        add(field, "must be true, false, \"explicit\" or \"clean\"");
        return null;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent, null when refused. */
    public Integer wholeNumber(JsonNode node, String field, int min, int max, int fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            add(field, wholeNumberRule(min, max));
            return null;
        }
        return node.asInt();
    }

    /**
     * A whole number of any size a long holds, as a JSON integer or a string of up to 15 digits (for numbers whose range
     * a rule of the form checks, naming it); {@code fallback} when absent, and when refused.
     */
    public Long wholeNumber(JsonNode node, String field, Long fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isString() && node.asString().strip().matches("[0-9]{1,15}")) {
            return Long.parseLong(node.asString().strip());
        }
        add(field, "must be a whole number");
        return fallback;
    }

    /**
     * A whole number from {@code min} to {@code max} given as text (a query parameter); {@code fallback} when absent
     * or blank, and when refused.
     */
    public int wholeNumberParameter(String text, String field, int min, int max, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        add(field, wholeNumberRule(min, max));
        return fallback;
    }

    /**
     * A query parameter that must be one of {@code allowed} (any case; the allowed spelling is returned), or
     * {@code fallback} when absent or blank.
     */
    public String oneOfParameter(String text, String field, List<String> allowed, String fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(text.strip())) {
                return candidate;
            }
        }
        add(field, oneOfRule(allowed));
        return fallback;
    }

    /** A free-text query parameter (a search term, a user id): stripped, null when blank, no control characters. */
    public String textParameter(String text, String field, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        if (value.length() > max) {
            add(field, "must be at most " + max + " characters");
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            add(field, "must not contain control characters");
            return null;
        }
        return value;
    }

    private static String wholeNumberRule(long min, long max) {
        return "must be a whole number from " + min + " to " + max;
    }

    /** Adds a violation when {@code number} is in {@code seen} already; adds it otherwise. */
    public boolean firstUseOf(int number, Set<Integer> seen, String field) {
        if (!seen.add(number)) {
            add(field, "track number " + number + " is used twice");
            return false;
        }
        return true;
    }

    /** Adds a violation when a list of {@code size} items has more than {@code max}. */
    public boolean atMost(int size, int max, String field, String items) {
        if (size > max) {
            add(field, "at most " + max + " " + items);
            return false;
        }
        return true;
    }

    /** A JSON object; null when absent or refused. */
    public JsonNode object(JsonNode node, String field) {
        return structure(node, field, false);
    }

    /** A JSON object or array; null when absent or refused. */
    public JsonNode objectOrArray(JsonNode node, String field) {
        return structure(node, field, true);
    }

    private JsonNode structure(JsonNode node, String field, boolean arrays) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject() || (arrays && node.isArray())) {
            return node;
        }
        add(field, "must be a JSON " + (arrays ? "object or array" : "object"));
        return null;
    }
}
