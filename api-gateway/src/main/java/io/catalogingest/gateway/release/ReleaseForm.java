package io.catalogingest.gateway.release;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.catalogingest.common.Ids;
import io.catalogingest.common.release.ArtistCredit;
import io.catalogingest.common.release.LinkAsset;
import io.catalogingest.common.release.ReorderTracks;
import io.catalogingest.common.release.TrackChanges;
import io.catalogingest.common.release.UpdateRelease;
import io.catalogingest.common.release.CreateRelease;
import io.catalogingest.common.release.ReleaseTrack;
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

    static final List<String> FORMATS = List.of("Single", "EP", "Album", "Compilation", "Soundtrack", "Live",
            "Remix", "Remaster", "Mixtape", "LP", "Video");
    static final List<String> TYPES = List.of("Audio", "Video", "Mixed", "Audiovisual");
    private static final Set<String> FIELDS = Set.of("title", "displayArtist", "artists", "format", "type", "version",
            "label", "copyright", "description", "mainGenre", "subGenre", "contributors", "metadata", "media",
            "explicit", "releaseDate", "preReleaseDate", "ownerId", "tracks");
    private static final Set<String> TRACK_FIELDS = Set.of("title", "version", "isrc", "iswc", "duration", "lyrics",
            "language", "displayArtist", "artists", "mainGenre", "subGenre", "contributors", "media", "metadata",
            "explicit", "trackNumber");

    private static final Set<String> UPDATE_FIELDS = Set.of("title", "displayArtist", "artists", "format", "type",
            "version", "label", "copyright", "description", "mainGenre", "subGenre", "contributors", "metadata",
            "media", "explicit", "releaseDate", "preReleaseDate");
    private static final Set<String> TRACK_CHANGE_FIELDS = TRACK_FIELDS;

    private static final String REFUSAL = "Invalid release";
    private static final String TRACK_REFUSAL = "Invalid track";

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
            tracks.add(track(track, at, i + 1, numbers));
        }
        return tracks;
    }

    /** One track of a create or add-track body; {@code fallback} is its number when it gives none. */
    private ReleaseTrack track(JsonNode track, String at, int fallback, Set<Integer> numbers) {
        form.unknownFields(track, at, TRACK_FIELDS, "a track");
        String p = at == null ? "" : at + ".";
        Integer given = form.wholeNumber(track.get("trackNumber"), p + "trackNumber", 1,
                FormReader.TRACK_NUMBER_MAX, fallback);
        int number = given == null ? fallback : given;
        form.firstUseOf(number, numbers, p + "trackNumber");
        String title = form.text(track, "title", p + "title", Text.required(TEXT_MAX));
        String version = form.text(track, "version", p + "version", Text.optional(TEXT_MAX));
        String isrc = form.isrc(form.text(track, "isrc", p + "isrc", Text.optional(20)), p + "isrc");
        String iswc = form.text(track, "iswc", p + "iswc", Text.optional(20));
        Double duration = duration(track.get("duration"), p + "duration");
        String displayArtist = form.text(track, "displayArtist", p + "displayArtist", Text.optional(TEXT_MAX));
        List<ArtistCredit> artists = artists(track.get("artists"), p + "artists", false);
        Boolean explicit = form.explicit(track.get("explicit"), p + "explicit");
        String language = form.text(track, "language", p + "language", Text.optional(35));
        List<String> mainGenre = genres(track.get("mainGenre"), p + "mainGenre");
        List<String> subGenre = genres(track.get("subGenre"), p + "subGenre");
        JsonNode contributors = form.objectOrArray(track.get("contributors"), p + "contributors");
        JsonNode metadata = trackMetadata(track, p);
        noMediaLinks(track.get("media"), p + "media");
        return new ReleaseTrack(UUID.randomUUID().toString(), number, title, version, isrc, iswc, duration,
                displayArtist, artists, Boolean.TRUE.equals(explicit), language, mainGenre, subGenre,
                contributors, metadata);
    }

    /**
     * Royalti's {@code PUT /releases/{id}} body: the create body's fields, each optional (a field given is checked as
     * on create; {@code ownerId} and {@code tracks} are not part of it: tracks have their own endpoints).
     *
     * @throws FormException with every violation found
     */
    static UpdateRelease toUpdate(JsonNode body, String releaseId) {
        return new ReleaseForm().readUpdate(FormReader.body(body, REFUSAL), releaseId);
    }

    /**
     * The body of {@code POST /releases/{id}/tracks}: one track as in the create body; {@code trackNumber} says where
     * it goes (absent: last).
     */
    static ReleaseTrack toTrack(JsonNode body) {
        ReleaseForm reader = new ReleaseForm();
        ReleaseTrack track = reader.track(FormReader.body(body, TRACK_REFUSAL), null, FormReader.TRACK_NUMBER_MAX,
                new HashSet<>());
        reader.form.check(TRACK_REFUSAL);
        return track;
    }

    /** The body of {@code PUT /releases/{id}/tracks/{trackId}}: the track's fields, each optional. */
    static TrackChanges toTrackChanges(JsonNode body) {
        ReleaseForm reader = new ReleaseForm();
        TrackChanges changes = reader.changes(FormReader.body(body, TRACK_REFUSAL), null);
        reader.form.check(TRACK_REFUSAL);
        return changes;
    }

    /**
     * The body of {@code POST /releases/{id}/tracks/link-asset}: {@code {assetId, trackNumber?, overrides?}}.
     *
     * @throws FormException with every violation found
     */
    static LinkAsset toLinkAsset(JsonNode body, String releaseId) {
        ReleaseForm reader = new ReleaseForm();
        FormReader form = reader.form;
        JsonNode link = FormReader.body(body, TRACK_REFUSAL);
        form.unknownFields(link, null, Set.of("assetId", "trackNumber", "overrides"), "a link");
        String assetId = form.text(link, "assetId", Text.required(FormReader.ID_MAX).stringOnly());
        Integer number = form.wholeNumber(link.get("trackNumber"), "trackNumber", 1, FormReader.TRACK_NUMBER_MAX,
                FormReader.TRACK_NUMBER_MAX);
        TrackChanges overrides = TrackChanges.none();
        JsonNode given = link.get("overrides");
        if (given != null && !given.isNull()) {
            if (form.object(given, "overrides") != null) {
                overrides = reader.changes(given, "overrides");
            }
        }
        form.check(TRACK_REFUSAL);
        return new LinkAsset(releaseId, UUID.randomUUID().toString(), assetId, number, overrides);
    }

    /** The body of {@code POST /releases/{id}/tracks/reorder}: {@code {trackOrder: [trackId, ...]}}, no repeats. */
    static ReorderTracks toReorder(JsonNode body, String releaseId) {
        FormReader form = new FormReader();
        JsonNode order = FormReader.body(body, TRACK_REFUSAL);
        form.unknownFields(order, null, Set.of("trackOrder"), "a track order");
        JsonNode ids = order.get("trackOrder");
        List<String> trackOrder = new ArrayList<>();
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            form.add("trackOrder", "is required: an array of the release's track ids in their new order");
        } else if (form.atMost(ids.size(), MAX_TRACKS, "trackOrder", "tracks")) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                JsonNode id = ids.get(i);
                java.util.Optional<UUID> uuid = id.isString() ? Ids.uuid(id.asString()) : java.util.Optional.empty();
                if (uuid.isEmpty()) {
                    form.add("trackOrder[" + i + "]", "must be a track id");
                } else if (!seen.add(uuid.get().toString())) {
                    form.add("trackOrder[" + i + "]", "names a track already given");
                } else {
                    trackOrder.add(uuid.get().toString());
                }
            }
        }
        form.check(TRACK_REFUSAL);
        return new ReorderTracks(releaseId, trackOrder);
    }

    private UpdateRelease readUpdate(JsonNode body, String releaseId) {
        form.unknownFields(body, null, UPDATE_FIELDS, "a release update");
        String title = given(body, "title") ? form.text(body, "title", Text.required(TEXT_MAX)) : null;
        String displayArtist = given(body, "displayArtist")
                ? form.text(body, "displayArtist", Text.required(TEXT_MAX)) : null;
        List<ArtistCredit> artists = given(body, "artists") ? artists(body.get("artists"), "artists", true) : null;
        String format = form.oneOf(body, "format", TEXT_MAX, FORMATS, null);
        String type = form.oneOf(body, "type", TEXT_MAX, TYPES, null);
        String version = form.text(body, "version", Text.optional(TEXT_MAX));
        String label = form.text(body, "label", Text.optional(TEXT_MAX));
        String copyright = form.text(body, "copyright", Text.optional(TEXT_MAX));
        String description = form.text(body, "description", Text.optional(DESCRIPTION_MAX));
        List<String> mainGenre = given(body, "mainGenre") ? genres(body.get("mainGenre"), "mainGenre") : null;
        List<String> subGenre = given(body, "subGenre") ? genres(body.get("subGenre"), "subGenre") : null;
        LocalDate releaseDate = form.date(body, "releaseDate", true);
        LocalDate preReleaseDate = form.date(body, "preReleaseDate", true);
        if (releaseDate != null && preReleaseDate != null && preReleaseDate.isAfter(releaseDate)) {
            form.add("preReleaseDate", "must not be after releaseDate");
        }
        String explicit = explicitRelease(body.get("explicit"));
        JsonNode contributors = form.objectOrArray(body.get("contributors"), "contributors");
        JsonNode metadata = metadata(body.get("metadata"));
        noMediaLinks(body.get("media"), "media");
        form.check(REFUSAL);
        return new UpdateRelease(releaseId, title, displayArtist, artists, format, type, version, label, copyright,
                description, mainGenre, subGenre, releaseDate, preReleaseDate, explicit, contributors, metadata);
    }

    /** A track's fields, each optional ({@code trackNumber} moves a track only through the reorder endpoint). */
    private TrackChanges changes(JsonNode track, String parent) {
        String at = parent == null ? "" : parent + ".";
        form.unknownFields(track, parent, TRACK_CHANGE_FIELDS, "a track update");
        if (given(track, "trackNumber")) {
            form.add(at + "trackNumber", "tracks are renumbered with POST /releases/{id}/tracks/reorder");
        }
        String title = given(track, "title") ? form.text(track, "title", at + "title", Text.required(TEXT_MAX)) : null;
        String version = form.text(track, "version", at + "version", Text.optional(TEXT_MAX));
        String isrc = form.isrc(form.text(track, "isrc", at + "isrc", Text.optional(20)), at + "isrc");
        String iswc = form.text(track, "iswc", at + "iswc", Text.optional(20));
        Double duration = duration(track.get("duration"), at + "duration");
        String displayArtist = form.text(track, "displayArtist", at + "displayArtist", Text.optional(TEXT_MAX));
        List<ArtistCredit> artists = given(track, "artists") ? artists(track.get("artists"), at + "artists", false)
                : null;
        Boolean explicit = form.explicit(track.get("explicit"), at + "explicit");
        String language = form.text(track, "language", at + "language", Text.optional(35));
        List<String> mainGenre = given(track, "mainGenre") ? genres(track.get("mainGenre"), at + "mainGenre") : null;
        List<String> subGenre = given(track, "subGenre") ? genres(track.get("subGenre"), at + "subGenre") : null;
        JsonNode contributors = form.objectOrArray(track.get("contributors"), at + "contributors");
        JsonNode metadata = trackMetadata(track, at);
        noMediaLinks(track.get("media"), at + "media");
        return new TrackChanges(title, version, isrc, iswc, duration, displayArtist, artists, explicit, language,
                mainGenre, subGenre, contributors, metadata);
    }

    private static boolean given(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && !node.isNull();
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
    private JsonNode trackMetadata(JsonNode track, String prefix) {
        JsonNode metadata = track.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            form.add(prefix + "metadata", "must be a JSON object");
            return null;
        }
        JsonNode lyrics = track.get("lyrics");
        if (lyrics == null || lyrics.isNull()) {
            return metadata == null || metadata.isNull() ? null : metadata;
        }
        if (!lyrics.isString()) {
            form.add(prefix + "lyrics", "must be a string");
            return null;
        }
        ObjectNode merged = metadata == null || metadata.isNull()
                ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : ((ObjectNode) metadata).deepCopy();
        merged.put("lyrics", lyrics.asString());
        return merged;
    }
}
