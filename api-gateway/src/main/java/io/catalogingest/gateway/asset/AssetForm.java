package io.catalogingest.gateway.asset;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.catalogingest.common.catalog.CreateAsset;
import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.FormReader.Text;
import tools.jackson.databind.JsonNode;

/**
 * The create-asset body (Royalti's fields this pipeline keeps), checked for shape, every violation per field. Other
 * Royalti asset fields are accepted and ignored.
 */
final class AssetForm {

    static final int TEXT_MAX = 255;
    static final long MAX_DURATION_SECONDS = 24 * 60 * 60;
    static final List<String> TYPES = List.of("Audio", "Video");
    private static final String REFUSAL = "Invalid asset";

    private AssetForm() {
    }

    /**
     * @throws FormException 400 naming every bad field
     */
    static CreateAsset toCommand(JsonNode given) {
        JsonNode body = FormReader.body(given, REFUSAL);
        FormReader form = new FormReader();
        String title = form.text(body, "title", Text.required(TEXT_MAX).stringOnly());
        String displayArtist = form.text(body, "displayArtist", Text.required(TEXT_MAX).stringOnly());
        String id = form.id(body, "id", false);
        String isrc = form.isrc(form.text(body, "isrc", Text.optional(20).stringOnly()), "isrc");
        Integer duration = duration(body.get("duration"), form);
        String type = form.oneOf(body, "type", 20, TYPES, "Audio");
        form.check(REFUSAL);
        return new CreateAsset(id != null ? id : UUID.randomUUID().toString(), title, displayArtist, isrc, duration,
                type);
    }

    /** Whole seconds (a number, or a string of one), or an ISO-8601 duration such as {@code PT3M45S}. */
    private static Integer duration(JsonNode node, FormReader form) {
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
                form.add("duration", problem);
                return null;
            }
        } else {
            form.add("duration", problem);
            return null;
        }
        if (seconds < 1 || seconds > MAX_DURATION_SECONDS) {
            form.add("duration", problem);
            return null;
        }
        return (int) seconds;
    }
}
