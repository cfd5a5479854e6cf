package io.catalogingest.gateway.release;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.springframework.stereotype.Component;

import io.catalogingest.common.Ids;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.support.storage.PresigningClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads releases, their tracks and media of a tenant (the gateway never writes catalog state). */
@Component
class ReleaseReader {

    private static final String RELEASE_COLUMNS = """
            tenant_id, id, owner_id, status, title, display_artist, artists::text as artists, format, type, version,
            label, copyright, description, main_genre, sub_genre, release_date, pre_release_date, explicit,
            contributors::text as contributors, metadata::text as metadata, submitted_at, reviewed_at, reviewed_by,
            feedback, completed_at, auto_creation_status, auto_creation_error, created_product_id, created_at,
            updated_at""";
    private static final String TRACK_COLUMNS = """
            id, release_id, track_number, title, version, isrc, iswc, duration, display_artist,
            artists::text as artists, explicit, language, main_genre, sub_genre, contributors::text as contributors,
            metadata::text as metadata, asset_id""";
    private static final String MEDIA_COLUMNS = """
            id, release_id, track_id, bucket, object_key, upload_key, name, type, mime_type, size, sha256, status,
            metadata::text as metadata, uploaded_at, registered_at""";

    private final Jdbi jdbi;
    private final JsonMapper json;
    private final PresigningClient presigning;

    ReleaseReader(Jdbi jdbi, JsonMapper json, PresigningClient presigning) {
        this.jdbi = jdbi;
        this.json = json;
        this.presigning = presigning;
    }

    /** A page of releases. */
    record Page(List<ReleaseView> releases, long total) {
    }

    Optional<ReleaseStatus> status(String tenantId, String releaseId) {
        return Ids.uuid(releaseId).flatMap(id -> jdbi.withHandle(handle -> handle.createQuery(
                        "select status from release where tenant_id = :tenantId and id = :id")
                .bind("tenantId", tenantId).bind("id", id).mapTo(String.class).findOne()))
                .map(ReleaseStatus::fromJsonName);
    }

    boolean trackExists(String tenantId, String releaseId, String trackId) {
        Optional<UUID> release = Ids.uuid(releaseId);
        Optional<UUID> track = Ids.uuid(trackId);
        if (release.isEmpty() || track.isEmpty()) {
            return false;
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select exists (select 1 from release_track
                                       where tenant_id = :tenantId and release_id = :releaseId and id = :id)""")
                .bind("tenantId", tenantId).bind("releaseId", release.get()).bind("id", track.get())
                .mapTo(Boolean.class).one());
    }

    /** The release with its tracks, its media and its tracks' media. */
    Optional<ReleaseView> find(String tenantId, String releaseId) {
        Optional<UUID> id = Ids.uuid(releaseId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> {
            Optional<ReleaseView> release = handle.createQuery("select " + RELEASE_COLUMNS
                            + " from release where tenant_id = :tenantId and id = :id")
                    .bind("tenantId", tenantId).bind("id", id.get())
                    .map((rs, ctx) -> release(rs)).findOne();
            if (release.isEmpty()) {
                return release;
            }
            List<MediaView> media = media(handle, tenantId, id.get());
            List<ReleaseView.Track> tracks = tracks(handle, List.of(id.get())).getOrDefault(id.get(), List.of())
                    .stream()
                    .map(track -> withMedia(track, media.stream()
                            .filter(file -> track.id().equals(file.trackId())).toList()))
                    .toList();
            return Optional.of(release.get().withMedia(tracks,
                    media.stream().filter(file -> file.trackId() == null).toList()));
        });
    }

    /** Releases newest first, with their tracks (not their media). */
    Page list(String tenantId, int page, int limit, String status, String format, String type, String search) {
        return jdbi.withHandle(handle -> {
            StringBuilder where = new StringBuilder(" from release where tenant_id = :tenantId");
            if (status != null) {
                where.append(" and status = :status");
            }
            if (format != null) {
                where.append(" and lower(format) = lower(:format)");
            }
            if (type != null) {
                where.append(" and lower(type) = lower(:type)");
            }
            if (search != null) {
                where.append(" and (title ilike :search or display_artist ilike :search or description ilike :search)");
            }
            long total = bind(handle.createQuery("select count(*)" + where), tenantId, status, format, type, search)
                    .mapTo(Long.class).one();
            List<ReleaseView> releases = bind(handle.createQuery("select " + RELEASE_COLUMNS + where
                            + " order by created_at desc, id limit :limit offset :offset"), tenantId, status, format,
                    type, search)
                    .bind("limit", limit).bind("offset", (long) (page - 1) * limit)
                    .map((rs, ctx) -> release(rs)).list();
            Map<UUID, List<ReleaseView.Track>> tracks = tracks(handle,
                    releases.stream().map(release -> UUID.fromString(release.id())).toList());
            return new Page(releases.stream().map(release -> release.withMedia(
                    tracks.getOrDefault(UUID.fromString(release.id()), List.of()), null)).toList(), total);
        });
    }

    /** Release and track media of a release that are registered or promoted, track files after release files. */
    List<MediaView> media(String tenantId, String releaseId) {
        return Ids.uuid(releaseId).map(id -> jdbi.withHandle(handle -> media(handle, tenantId, id))).orElse(List.of());
    }

    /** The registered or promoted media with this key in the release, if any. */
    Optional<MediaView> mediaByKey(String tenantId, String releaseId, String objectKey) {
        Optional<UUID> id = Ids.uuid(releaseId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("select " + MEDIA_COLUMNS + " " + """
                         from media where tenant_id = :tenantId and release_id = :releaseId and object_key = :key
                         and status in ('registered', 'promoted')""")
                .bind("tenantId", tenantId).bind("releaseId", id.get()).bind("key", objectKey)
                .map((rs, ctx) -> media(rs)).findOne());
    }

    /** The key of the registered or promoted media with this id in the release, if any. */
    Optional<String> keyOfMediaId(String tenantId, String releaseId, UUID mediaId) {
        Optional<UUID> id = Ids.uuid(releaseId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select object_key from media where tenant_id = :tenantId and release_id = :releaseId
                        and id = :id and status in ('registered', 'promoted')""")
                .bind("tenantId", tenantId).bind("releaseId", id.get()).bind("id", mediaId)
                .mapTo(String.class).findOne());
    }

    private static Query bind(Query query, String tenantId, String status, String format, String type, String search) {
        query.bind("tenantId", tenantId);
        if (status != null) {
            query.bind("status", status);
        }
        if (format != null) {
            query.bind("format", format);
        }
        if (type != null) {
            query.bind("type", type);
        }
        if (search != null) {
            query.bind("search", "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return query;
    }

    private List<MediaView> media(Handle handle, String tenantId, UUID releaseId) {
        return handle.createQuery("select " + MEDIA_COLUMNS + " " + """
                         from media where tenant_id = :tenantId and release_id = :releaseId
                         and status in ('registered', 'promoted')
                         order by track_id nulls first, name""")
                .bind("tenantId", tenantId).bind("releaseId", releaseId)
                .map((rs, ctx) -> media(rs)).list();
    }

    private Map<UUID, List<ReleaseView.Track>> tracks(Handle handle, List<UUID> releaseIds) {
        Map<UUID, List<ReleaseView.Track>> tracks = new LinkedHashMap<>();
        if (releaseIds.isEmpty()) {
            return tracks;
        }
        handle.createQuery("select " + TRACK_COLUMNS
                        + " from release_track where release_id = any(:ids) order by release_id, track_number")
                .bindArray("ids", UUID.class, releaseIds)
                .map((rs, ctx) -> Map.entry(rs.getObject("release_id", UUID.class), track(rs)))
                .forEach(entry -> tracks.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        return tracks;
    }

    private ReleaseView release(ResultSet rs) throws SQLException {
        return new ReleaseView(rs.getString("id"), rs.getString("tenant_id"), rs.getString("owner_id"),
                rs.getString("title"), rs.getString("display_artist"), artists(rs.getString("artists")),
                rs.getString("format"), rs.getString("type"), rs.getString("version"), rs.getString("label"),
                rs.getString("copyright"), rs.getString("description"), strings(rs.getArray("main_genre")),
                strings(rs.getArray("sub_genre")), rs.getObject("release_date", LocalDate.class),
                rs.getObject("pre_release_date", LocalDate.class), rs.getString("explicit"),
                node(rs.getString("contributors")), node(rs.getString("metadata")), rs.getString("status"),
                instant(rs.getTimestamp("submitted_at")), instant(rs.getTimestamp("reviewed_at")),
                rs.getString("reviewed_by"), rs.getString("feedback"), instant(rs.getTimestamp("completed_at")),
                rs.getString("auto_creation_status"), rs.getString("auto_creation_error"),
                rs.getString("created_product_id"), List.of(), null, instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private ReleaseView.Track track(ResultSet rs) throws SQLException {
        return new ReleaseView.Track(rs.getString("id"), rs.getString("release_id"), rs.getInt("track_number"),
                rs.getString("title"), rs.getString("version"), rs.getString("isrc"), rs.getString("iswc"),
                rs.getBigDecimal("duration"), rs.getString("display_artist"), artists(rs.getString("artists")),
                rs.getBoolean("explicit"), rs.getString("language"), strings(rs.getArray("main_genre")),
                strings(rs.getArray("sub_genre")), node(rs.getString("contributors")), node(rs.getString("metadata")),
                rs.getString("asset_id"), null);
    }

    private static ReleaseView.Track withMedia(ReleaseView.Track track, List<MediaView> media) {
        return new ReleaseView.Track(track.id(), track.releaseId(), track.trackNumber(), track.title(),
                track.version(), track.isrc(), track.iswc(), track.duration(), track.displayArtist(), track.artists(),
                track.explicit(), track.language(), track.mainGenre(), track.subGenre(), track.contributors(),
                track.metadata(), track.assetId(), media);
    }

    private MediaView media(ResultSet rs) throws SQLException {
        String measuredText = rs.getString("metadata");
        JsonNode measured = measuredText == null ? json.createObjectNode() : json.readTree(measuredText);
        String bucket = rs.getString("bucket");
        String key = rs.getString("object_key");
        // a registered file is its upload's object in the temporary bucket; a promoted one is at the media key
        String stored = "promoted".equals(rs.getString("status")) ? key : rs.getString("upload_key");
        String trackId = rs.getString("track_id");
        MediaView.Metadata metadata = new MediaView.Metadata(rs.getLong("size"), rs.getString("mime_type"),
                instant(rs.getTimestamp("uploaded_at")), trackId == null ? "release" : "track", rs.getString("sha256"),
                measured.has("duration") ? measured.get("duration").asDouble() : null,
                text(measured, "bitrate"), text(measured, "sampleRate"), text(measured, "channels"),
                measured.has("bitsPerSample") ? measured.get("bitsPerSample").asInt() : null,
                measured.has("codec") ? measured.get("codec").asString() : null,
                measured.has("width") ? measured.get("width").asInt() : null,
                measured.has("height") ? measured.get("height").asInt() : null,
                instant(rs.getTimestamp("registered_at")));
        return new MediaView(rs.getString("id"), key, presigning.getUrl(bucket, stored), rs.getString("type"),
                rs.getString("name"), false, key, trackId, rs.getString("status"), metadata);
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : null;
    }

    private List<ReleaseView.Artist> artists(String text) {
        List<ReleaseView.Artist> artists = new ArrayList<>();
        for (JsonNode credit : json.readTree(text == null ? "[]" : text)) {
            String artist = credit.path("artist").asString();
            boolean isId = Ids.uuid(artist).isPresent();
            artists.add(new ReleaseView.Artist(isId ? artist : null, isId ? null : artist,
                    credit.path("type").asString()));
        }
        return artists;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
