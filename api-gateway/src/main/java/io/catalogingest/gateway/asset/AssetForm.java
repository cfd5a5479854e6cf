package io.catalogingest.gateway.asset;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.catalogingest.common.catalog.CreateAsset;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.Isrc;
import io.catalogingest.gateway.error.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * The create-asset body (Royalti's fields this pipeline keeps), checked for shape, every violation per field. Other
 * Royalti asset fields are accepted and ignored.
 */
final class AssetForm {

    static final int TEXT_MAX = 255;
    static final int ID_MAX = 100;
    static final long MAX_DURATION_SECONDS = 24 * 60 * 60;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private AssetForm() {
    }

    /**
     * @throws ApiException 400 naming every bad field
     */
    static CreateAsset toCommand(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Invalid asset", List.of(new FieldError(null,
                    "the body must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String title = text(body, "title", true, TEXT_MAX, errors);
        String displayArtist = text(body, "displayArtist", true, TEXT_MAX, errors);
        String id = text(body, "id", false, ID_MAX, errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(new FieldError("id", "may only use letters, digits and . _ : - and must start with a letter or digit"));
        }
        String isrc = null;
        String givenIsrc = text(body, "isrc", false, 20, errors);
        if (givenIsrc != null) {
            isrc = Isrc.normalize(givenIsrc).orElse(null);
            if (isrc == null) {
                errors.add(new FieldError("isrc", "must be an ISRC written CC-XXX-YY-NNNNN (country, registrant, "
                        + "year, designation), with or without hyphens"));
            }
        }
        Integer duration = duration(body.get("duration"), errors);
        String type = "Audio";
        String givenType = text(body, "type", false, 20, errors);
        if (givenType != null) {
            type = switch (givenType.toLowerCase(Locale.ROOT)) {
                case "audio" -> "Audio";
                case "video" -> "Video";
                default -> {
                    errors.add(new FieldError("type", "must be one of Audio, Video"));
                    yield null;
                }
            };
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid asset", errors);
        }
        return new CreateAsset(id != null ? id : UUID.randomUUID().toString(), title, displayArtist, isrc, duration,
                type);
    }

    /** Whole seconds (a number, or a string of one), or an ISO-8601 duration such as {@code PT3M45S}. */
    private static Integer duration(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        String problem = "must be a whole number of seconds from 1 to " + MAX_DURATION_SECONDS
                + ", or an ISO-8601 duration such as PT3M45S";
        long seconds;
        if (node.isIntegralNumber()) {
            seconds = node.asLong();
        } else if (node.isString() && node.asString().strip().matches("\\d{1,6}")) {
            seconds = Long.parseLong(node.asString().strip());
        } else if (node.isString() && node.asString().strip().toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                Duration parsed = Duration.parse(node.asString().strip().toUpperCase(Locale.ROOT));
                seconds = new BigDecimal(parsed.toMillis()).divide(BigDecimal.valueOf(1000),
                        java.math.RoundingMode.HALF_UP).longValue();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("duration", problem));
                return null;
            }
        } else {
            errors.add(new FieldError("duration", problem));
            return null;
        }
        if (seconds < 1 || seconds > MAX_DURATION_SECONDS) {
            errors.add(new FieldError("duration", problem));
            return null;
        }
        return (int) seconds;
    }

    private static String text(JsonNode body, String field, boolean required, int max, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.asString().strip();
        if (value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
            return null;
        }
        return value;
    }
}
