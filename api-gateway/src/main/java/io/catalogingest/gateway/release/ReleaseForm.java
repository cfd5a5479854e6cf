package io.catalogingest.gateway.release;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.Isrc;
import io.catalogingest.common.releases.ArtistCredit;
import io.catalogingest.common.releases.CreateRelease;
import io.catalogingest.common.releases.ReleaseTrack;
import io.catalogingest.common.upc.Gtin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Royalti's create-release body (JSON), checked for shape — every violation reported, per field — and turned into a
 * {@link CreateRelease} command with fresh release and track ids.
 */
final class ReleaseForm {

    static final int TEXT_MAX = 255;
    static final int DESCRIPTION_MAX = 5000;
    static final int GENRE_MAX = 100;
    static final int MAX_GENRES = 10;
    static final int MAX_ARTISTS = 50;
    static final int MAX_TRACKS = 500;
    static final double MAX_DURATION = 24 * 3600;

    private static final List<String> FORMATS = List.of("Single", "EP", "Album", "Compilation", "Soundtrack", "Live",
            "Remix", "Remaster", "Mixtape", "LP", "Video");
    private static final List<String> TYPES = List.of("Audio", "Video", "Mixed", "Audiovisual");
    private static final Set<String> FIELDS = Set.of("title", "displayArtist", "artists", "format", "type", "version",
            "label", "copyright", "description", "mainGenre", "subGenre", "contributors", "metadata", "media",
            "explicit", "releaseDate", "preReleaseDate", "ownerId", "tracks");
    private static final Set<String> TRACK_FIELDS = Set.of("title", "version", "isrc", "iswc", "duration", "lyrics",
            "language", "displayArtist", "artists", "mainGenre", "subGenre", "contributors", "media", "metadata",
            "explicit", "trackNumber");

    private final List<FieldError> errors = new ArrayList<>();

    private ReleaseForm() {
    }

    /**
     * @param ownerId the user the release will belong to
     * @throws FormException with every violation found
     */
    static CreateRelease toCommand(JsonNode body, String ownerId) {
        if (body == null || !body.isObject()) {
            throw new FormException(List.of(new FieldError(null, "the body must be a JSON object")));
        }
        return new ReleaseForm().read(body, ownerId);
    }

    private CreateRelease read(JsonNode body, String ownerId) {
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a release"));
            }
        });
        String title = text(body, "title", "title", TEXT_MAX, true);
        String displayArtist = text(body, "displayArtist", "displayArtist", TEXT_MAX, true);
        List<ArtistCredit> artists = artists(body.get("artists"), "artists", true);
        String format = oneOf(body, "format", FORMATS);
        String type = oneOf(body, "type", TYPES);
        String version = text(body, "version", "version", TEXT_MAX, false);
        String label = text(body, "label", "label", TEXT_MAX, false);
        String copyright = text(body, "copyright", "copyright", TEXT_MAX, false);
        String description = text(body, "description", "description", DESCRIPTION_MAX, false);
        List<String> mainGenre = genres(body.get("mainGenre"), "mainGenre");
        List<String> subGenre = genres(body.get("subGenre"), "subGenre");
        LocalDate releaseDate = date(body.get("releaseDate"), "releaseDate");
        LocalDate preReleaseDate = date(body.get("preReleaseDate"), "preReleaseDate");
        if (releaseDate != null && preReleaseDate != null && preReleaseDate.isAfter(releaseDate)) {
            errors.add(new FieldError("preReleaseDate", "must not be after releaseDate"));
        }
        String explicit = explicitRelease(body.get("explicit"));
        JsonNode contributors = structure(body.get("contributors"), "contributors");
        JsonNode metadata = metadata(body.get("metadata"));
        List<ReleaseTrack> tracks = tracks(body.get("tracks"));
        noMediaLinks(body.get("media"), "media");
        if (!errors.isEmpty()) {
            throw new FormException(errors);
        }
        return new CreateRelease(UUID.randomUUID().toString(), ownerId, title, displayArtist, artists, format, type,
                version, label, copyright, description, mainGenre, subGenre, releaseDate, preReleaseDate, explicit,
                contributors, metadata, tracks);
    }

    private List<ReleaseTrack> tracks(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError("tracks", "must be an array of tracks"));
            return List.of();
        }
        if (node.size() > MAX_TRACKS) {
            errors.add(new FieldError("tracks", "at most " + MAX_TRACKS + " tracks"));
            return List.of();
        }
        List<ReleaseTrack> tracks = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "tracks[" + i + "]";
            JsonNode track = node.get(i);
            if (!track.isObject()) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            track.propertyNames().forEach(name -> {
                if (!TRACK_FIELDS.contains(name)) {
                    errors.add(new FieldError(at + "." + name, "is not a field of a track"));
                }
            });
            int number = trackNumber(track.get("trackNumber"), at, i + 1);
            if (!numbers.add(number)) {
                errors.add(new FieldError(at + ".trackNumber", "track number " + number + " is used twice"));
            }
            String title = text(track, "title", at + ".title", TEXT_MAX, true);
            String version = text(track, "version", at + ".version", TEXT_MAX, false);
            String isrc = isrc(track, at);
            String iswc = text(track, "iswc", at + ".iswc", 20, false);
            Double duration = duration(track.get("duration"), at + ".duration");
            String displayArtist = text(track, "displayArtist", at + ".displayArtist", TEXT_MAX, false);
            List<ArtistCredit> artists = artists(track.get("artists"), at + ".artists", false);
            boolean explicit = explicitTrack(track.get("explicit"), at + ".explicit");
            String language = text(track, "language", at + ".language", 35, false);
            List<String> mainGenre = genres(track.get("mainGenre"), at + ".mainGenre");
            List<String> subGenre = genres(track.get("subGenre"), at + ".subGenre");
            JsonNode contributors = structure(track.get("contributors"), at + ".contributors");
            JsonNode metadata = trackMetadata(track, at);
            noMediaLinks(track.get("media"), at + ".media");
            tracks.add(new ReleaseTrack(UUID.randomUUID().toString(), number, title, version, isrc, iswc, duration,
                    displayArtist, artists, explicit, language, mainGenre, subGenre, contributors, metadata));
        }
        return tracks;
    }

    /** Media links are not supported: files are uploaded to the release once it exists. */
    private void noMediaLinks(JsonNode node, String field) {
        if (node != null && !node.isNull() && !(node.isArray() && node.isEmpty())) {
            errors.add(new FieldError(field, "media links are not supported; upload files to "
                    + "/releases/{id}/media/files and /releases/{id}/tracks/{trackId}/media/file"));
        }
    }

    private String text(JsonNode parent, String name, String field, int max, boolean required) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!node.isString() && !node.isNumber()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.asString().strip();
        if (value.isEmpty()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            errors.add(new FieldError(field, "must not contain control characters"));
            return null;
        }
        return value;
    }

    private String oneOf(JsonNode parent, String field, List<String> allowed) {
        String value = text(parent, field, field, TEXT_MAX, false);
        if (value == null) {
            return null;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed)));
        return null;
    }

    /** Royalti's map {@code {"<artist name or UUID>": "primary"|"featuring"}}. */
    private List<ArtistCredit> artists(JsonNode node, String field, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required: {\"<artist name or id>\": \"primary\"|\"featuring\"}"));
            }
            return List.of();
        }
        if (!node.isObject()) {
            errors.add(new FieldError(field, "must be an object {\"<artist name or id>\": \"primary\"|\"featuring\"}"));
            return List.of();
        }
        if (node.size() > MAX_ARTISTS) {
            errors.add(new FieldError(field, "at most " + MAX_ARTISTS + " artists"));
            return List.of();
        }
        List<ArtistCredit> credits = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String artist = entry.getKey().strip();
            String at = field + "." + entry.getKey();
            if (artist.isEmpty() || artist.length() > TEXT_MAX
                    || artist.codePoints().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError(at, "an artist name or id must be 1-" + TEXT_MAX
                        + " characters without control characters"));
                continue;
            }
            String role = entry.getValue().isString() ? entry.getValue().asString().strip().toLowerCase(Locale.ROOT) : "";
            if (!role.equals("primary") && !role.equals("featuring")) {
                errors.add(new FieldError(at, "must be \"primary\" or \"featuring\""));
                continue;
            }
            credits.add(new ArtistCredit(artist, role));
        }
        if (required && !credits.isEmpty() && credits.stream().noneMatch(credit -> credit.type().equals("primary"))) {
            errors.add(new FieldError(field, "must include at least one primary artist"));
        }
        if (required && node.isEmpty()) {
            errors.add(new FieldError(field, "must include at least one primary artist"));
        }
        return credits;
    }

    private List<String> genres(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(values::add);
        } else {
            values.add(node);
        }
        if (values.size() > MAX_GENRES) {
            errors.add(new FieldError(field, "at most " + MAX_GENRES + " genres"));
            return List.of();
        }
        List<String> genres = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isString() || value.asString().isBlank() || value.asString().strip().length() > GENRE_MAX) {
                errors.add(new FieldError(field, "must be a genre name (1-" + GENRE_MAX + " characters) or an array of them"));
                return List.of();
            }
            genres.add(value.asString().strip());
        }
        return genres;
    }

    private LocalDate date(JsonNode node, String field) {
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return null;
        }
        String text = node.isString() ? node.asString().strip() : "";
        // Royalti returns dates as date-times; accept those back
        String day = text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text;
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
            return null;
        }
    }

    /** {@code "explicit"}, {@code "clean"} or null (booleans accepted: true is explicit). */
    private String explicitRelease(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "explicit" : "clean";
        }
        String value = node.isString() ? node.asString().strip().toLowerCase(Locale.ROOT) : "?";
        switch (value) {
            case "explicit", "true" -> {
                return "explicit";
            }
            case "clean", "false" -> {
                return "clean";
            }
            case "" -> {
                return null;
            }
            default -> {
                errors.add(new FieldError("explicit", "must be \"explicit\", \"clean\" or null"));
                return null;
            }
        }
    }

    private boolean explicitTrack(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String value = node.isString() ? node.asString().strip().toLowerCase(Locale.ROOT) : "?";
        if (value.equals("explicit") || value.equals("true")) {
            return true;
        }
        if (value.equals("clean") || value.equals("false") || value.isEmpty()) {
            return false;
        }
        errors.add(new FieldError(field, "must be true, false, \"explicit\" or \"clean\""));
        return false;
    }

    private int trackNumber(JsonNode node, String at, int fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > 9999) {
            errors.add(new FieldError(at + ".trackNumber", "must be a whole number from 1 to 9999"));
            return fallback;
        }
        return node.asInt();
    }

    private String isrc(JsonNode track, String at) {
        String given = text(track, "isrc", at + ".isrc", 20, false);
        if (given == null) {
            return null;
        }
        return Isrc.normalize(given).orElseGet(() -> {
            errors.add(new FieldError(at + ".isrc", "must be an ISRC such as US-RC1-76-07839 or USRC17607839"));
            return null;
        });
    }

    private Double duration(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > MAX_DURATION || Double.isNaN(node.asDouble())) {
            errors.add(new FieldError(field, "must be a number of seconds from 0 to " + (long) MAX_DURATION));
            return null;
        }
        return node.asDouble();
    }

    private JsonNode structure(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject() || node.isArray()) {
            return node;
        }
        errors.add(new FieldError(field, "must be a JSON object or array"));
        return null;
    }

    /** Free-form; {@code upc}, when given, must be a valid GTIN-12/13, {@code catalogNumber} at most 100 characters. */
    private JsonNode metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("metadata", "must be a JSON object"));
            return null;
        }
        JsonNode upc = node.get("upc");
        if (upc != null && !upc.isNull() && !(upc.isString() && Gtin.isValid(upc.asString().strip()))) {
            errors.add(new FieldError("metadata.upc", "must be a valid GTIN-12 or GTIN-13 (digits with a GS1 check digit)"));
        }
        JsonNode catalogNumber = node.get("catalogNumber");
        if (catalogNumber != null && !catalogNumber.isNull()
                && !(catalogNumber.isString() && catalogNumber.asString().strip().length() <= 100)) {
            errors.add(new FieldError("metadata.catalogNumber", "must be a string of at most 100 characters"));
        }
        return node;
    }

    /** The track's metadata object, with {@code lyrics} (a Royalti track input) kept in it. */
    private JsonNode trackMetadata(JsonNode track, String at) {
        JsonNode metadata = track.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            errors.add(new FieldError(at + ".metadata", "must be a JSON object"));
            return null;
        }
        JsonNode lyrics = track.get("lyrics");
        if (lyrics == null || lyrics.isNull()) {
            return metadata == null || metadata.isNull() ? null : metadata;
        }
        if (!lyrics.isString()) {
            errors.add(new FieldError(at + ".lyrics", "must be a string"));
            return null;
        }
        ObjectNode merged = metadata == null || metadata.isNull()
                ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : ((ObjectNode) metadata).deepCopy();
        merged.put("lyrics", lyrics.asString());
        return merged;
    }

    /** Shape violations, all of them. */
    static final class FormException extends RuntimeException {

        private final List<FieldError> errors;

        FormException(List<FieldError> errors) {
            super("invalid release");
            this.errors = List.copyOf(errors);
        }

        List<FieldError> errors() {
            return errors;
        }
    }
}
