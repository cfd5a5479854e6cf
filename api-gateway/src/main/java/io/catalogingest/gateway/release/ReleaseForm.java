package io.catalogingest.gateway.release;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.catalogingest.common.releases.ArtistCredit;
import io.catalogingest.common.releases.CreateRelease;
import io.catalogingest.common.releases.ReleaseTrack;
import io.catalogingest.common.upc.Gtin;
import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.FormReader.Text;
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

    private static final String REFUSAL = "Invalid release";

    private final FormReader form = new FormReader();

    private ReleaseForm() {
    }

    /**
     * @param ownerId the user the release will belong to
     * @throws FormException with every violation found
     */
    static CreateRelease toCommand(JsonNode body, String ownerId) {
        return new ReleaseForm().read(FormReader.body(body, REFUSAL), ownerId);
    }

    private CreateRelease read(JsonNode body, String ownerId) {
        form.unknownFields(body, null, FIELDS, "a release");
        String title = form.text(body, "title", Text.required(TEXT_MAX));
        String displayArtist = form.text(body, "displayArtist", Text.required(TEXT_MAX));
        List<ArtistCredit> artists = artists(body.get("artists"), "artists", true);
        String format = form.oneOf(body, "format", TEXT_MAX, FORMATS, null);
        String type = form.oneOf(body, "type", TEXT_MAX, TYPES, null);
        String version = form.text(body, "version", Text.optional(TEXT_MAX));
        String label = form.text(body, "label", Text.optional(TEXT_MAX));
        String copyright = form.text(body, "copyright", Text.optional(TEXT_MAX));
        String description = form.text(body, "description", Text.optional(DESCRIPTION_MAX));
        List<String> mainGenre = genres(body.get("mainGenre"), "mainGenre");
        List<String> subGenre = genres(body.get("subGenre"), "subGenre");
        LocalDate releaseDate = form.date(body, "releaseDate", true);
        LocalDate preReleaseDate = form.date(body, "preReleaseDate", true);
        if (releaseDate != null && preReleaseDate != null && preReleaseDate.isAfter(releaseDate)) {
            form.add("preReleaseDate", "must not be after releaseDate");
        }
        String explicit = explicitRelease(body.get("explicit"));
        JsonNode contributors = form.objectOrArray(body.get("contributors"), "contributors");
        JsonNode metadata = metadata(body.get("metadata"));
        List<ReleaseTrack> tracks = tracks(body.get("tracks"));
        noMediaLinks(body.get("media"), "media");
        form.check(REFUSAL);
        return new CreateRelease(UUID.randomUUID().toString(), ownerId, title, displayArtist, artists, format, type,
                version, label, copyright, description, mainGenre, subGenre, releaseDate, preReleaseDate, explicit,
                contributors, metadata, tracks);
    }

    private List<ReleaseTrack> tracks(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            form.add("tracks", "must be an array of tracks");
            return List.of();
        }
        if (!form.atMost(node.size(), MAX_TRACKS, "tracks", "tracks")) {
            return List.of();
        }
        List<ReleaseTrack> tracks = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "tracks[" + i + "]";
            JsonNode track = node.get(i);
            if (!track.isObject()) {
                form.add(at, "must be an object");
                continue;
            }
            form.unknownFields(track, at, TRACK_FIELDS, "a track");
            Integer given = form.wholeNumber(track.get("trackNumber"), at + ".trackNumber", 1,
                    FormReader.TRACK_NUMBER_MAX, i + 1);
            int number = given == null ? i + 1 : given;
            form.firstUseOf(number, numbers, at + ".trackNumber");
            String title = form.text(track, "title", at + ".title", Text.required(TEXT_MAX));
            String version = form.text(track, "version", at + ".version", Text.optional(TEXT_MAX));
            String isrc = form.isrc(form.text(track, "isrc", at + ".isrc", Text.optional(20)), at + ".isrc");
            String iswc = form.text(track, "iswc", at + ".iswc", Text.optional(20));
            Double duration = duration(track.get("duration"), at + ".duration");
            String displayArtist = form.text(track, "displayArtist", at + ".displayArtist", Text.optional(TEXT_MAX));
            List<ArtistCredit> artists = artists(track.get("artists"), at + ".artists", false);
            Boolean explicit = form.explicit(track.get("explicit"), at + ".explicit");
            String language = form.text(track, "language", at + ".language", Text.optional(35));
            List<String> mainGenre = genres(track.get("mainGenre"), at + ".mainGenre");
            List<String> subGenre = genres(track.get("subGenre"), at + ".subGenre");
            JsonNode contributors = form.objectOrArray(track.get("contributors"), at + ".contributors");
            JsonNode metadata = trackMetadata(track, at);
            noMediaLinks(track.get("media"), at + ".media");
            tracks.add(new ReleaseTrack(UUID.randomUUID().toString(), number, title, version, isrc, iswc, duration,
                    displayArtist, artists, Boolean.TRUE.equals(explicit), language, mainGenre, subGenre,
                    contributors, metadata));
        }
        return tracks;
    }

    /** Media links are not supported: files are uploaded to the release once it exists. */
    private void noMediaLinks(JsonNode node, String field) {
        if (node != null && !node.isNull() && !(node.isArray() && node.isEmpty())) {
            form.add(field, "media links are not supported; upload files to "
                    + "/releases/{id}/media/files and /releases/{id}/tracks/{trackId}/media/file");
        }
    }

    /** Royalti's map {@code {"<artist name or UUID>": "primary"|"featuring"}}. */
    private List<ArtistCredit> artists(JsonNode node, String field, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                form.add(field, "is required: {\"<artist name or id>\": \"primary\"|\"featuring\"}");
            }
            return List.of();
        }
        if (!node.isObject()) {
            form.add(field, "must be an object {\"<artist name or id>\": \"primary\"|\"featuring\"}");
            return List.of();
        }
        if (!form.atMost(node.size(), MAX_ARTISTS, field, "artists")) {
            return List.of();
        }
        List<ArtistCredit> credits = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String artist = entry.getKey().strip();
            String at = field + "." + entry.getKey();
            if (artist.isEmpty() || artist.length() > TEXT_MAX
                    || artist.codePoints().anyMatch(Character::isISOControl)) {
                form.add(at, "an artist name or id must be 1-" + TEXT_MAX
                        + " characters without control characters");
                continue;
            }
            String role = entry.getValue().isString() ? entry.getValue().asString().strip().toLowerCase(Locale.ROOT) : "";
            if (!role.equals("primary") && !role.equals("featuring")) {
                form.add(at, "must be \"primary\" or \"featuring\"");
                continue;
            }
            credits.add(new ArtistCredit(artist, role));
        }
        if (required && !credits.isEmpty() && credits.stream().noneMatch(credit -> credit.type().equals("primary"))) {
            form.add(field, "must include at least one primary artist");
        }
        if (required && node.isEmpty()) {
            form.add(field, "must include at least one primary artist");
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
        if (!form.atMost(values.size(), MAX_GENRES, field, "genres")) {
            return List.of();
        }
        List<String> genres = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isString() || value.asString().isBlank() || value.asString().strip().length() > GENRE_MAX) {
                form.add(field, "must be a genre name (1-" + GENRE_MAX + " characters) or an array of them");
                return List.of();
            }
            genres.add(value.asString().strip());
        }
        return genres;
    }

    private Double duration(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > MAX_DURATION || Double.isNaN(node.asDouble())) {
            form.add(field, "must be a number of seconds from 0 to " + (long) MAX_DURATION);
            return null;
        }
        return node.asDouble();
    }

    /** Free-form; {@code upc}, when given, must be a valid GTIN-12/13, {@code catalogNumber} at most 100 characters. */
    private JsonNode metadata(JsonNode node) {
        if (form.object(node, "metadata") == null) {
            return null;
        }
        JsonNode upc = node.get("upc");
        if (upc != null && !upc.isNull() && !(upc.isString() && Gtin.isValid(upc.asString().strip()))) {
            form.add("metadata.upc", FormReader.gtinRule());
        }
        JsonNode catalogNumber = node.get("catalogNumber");
        if (catalogNumber != null && !catalogNumber.isNull()
                && !(catalogNumber.isString() && catalogNumber.asString().strip().length() <= 100)) {
            form.add("metadata.catalogNumber", "must be a string of at most 100 characters");
        }
        return node;
    }

    /** {@code "explicit"}, {@code "clean"} or null (booleans accepted: true is explicit). */
    private String explicitRelease(JsonNode node) {
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return null;
        }
        Boolean explicit = form.explicit(node, "explicit");
        return explicit == null ? null : explicit ? "explicit" : "clean";
    }

    /** The track's metadata object, with {@code lyrics} (a Royalti track input) kept in it. */
    private JsonNode trackMetadata(JsonNode track, String at) {
        JsonNode metadata = track.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            form.add(at + ".metadata", "must be a JSON object");
            return null;
        }
        JsonNode lyrics = track.get("lyrics");
        if (lyrics == null || lyrics.isNull()) {
            return metadata == null || metadata.isNull() ? null : metadata;
        }
        if (!lyrics.isString()) {
            form.add(at + ".lyrics", "must be a string");
            return null;
        }
        ObjectNode merged = metadata == null || metadata.isNull()
                ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : ((ObjectNode) metadata).deepCopy();
        merged.put("lyrics", lyrics.asString());
        return merged;
    }
}
