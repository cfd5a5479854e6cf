package io.catalogingest.ingest.autocreation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;

import io.catalogingest.common.release.ReleaseStatus;

/** Reads an approved release and writes the catalog entries made from it, inside the caller's transaction. */
final class ReleaseCatalogStore {

    private ReleaseCatalogStore() {
    }

    /** The release fields a product is made from; the JSON columns as text. */
    record Release(UUID id, String tenantId, ReleaseStatus status, String title, String displayArtist, String artistsJson,
                   String type, String version, String label, String copyright, List<String> mainGenre,
                   List<String> subGenre, LocalDate releaseDate, String explicit, String contributorsJson,
                   String metadataJson) {
    }

    record Track(UUID id, int number, String title, String version, String isrc, Double declaredDuration,
                 String displayArtist, String assetId) {
    }

    /** A media file of the release; {@code duration} is the measured one (seconds), if any. */
    record Media(UUID id, UUID trackId, String type, String status, Double duration) {
    }

    /** What auto-creation recorded for a release, to announce again. */
    record Recorded(String tenantId, String productId, boolean succeeded, UUID eventId, String eventType,
                    String eventPayload) {
    }

    static Optional<Release> lockRelease(Handle handle, String tenantId, UUID releaseId) {
        return handle.createQuery("""
                        select id, tenant_id, status, title, display_artist, artists::text as artists, type, version,
                               label, copyright, main_genre, sub_genre, release_date, explicit,
                               contributors::text as contributors, metadata::text as metadata
                        from release where tenant_id = :tenantId and id = :releaseId for update""")
                .bind("tenantId", tenantId).bind("releaseId", releaseId)
                .map((rs, ctx) -> new Release(rs.getObject("id", UUID.class), rs.getString("tenant_id"),
                        ReleaseStatus.fromJsonName(rs.getString("status")), rs.getString("title"), rs.getString("display_artist"),
                        rs.getString("artists"), rs.getString("type"), rs.getString("version"), rs.getString("label"),
                        rs.getString("copyright"), strings(rs, "main_genre"), strings(rs, "sub_genre"),
                        rs.getObject("release_date", LocalDate.class), rs.getString("explicit"),
                        rs.getString("contributors"), rs.getString("metadata")))
                .findOne();
    }

    static List<Track> tracks(Handle handle, String tenantId, UUID releaseId) {
        return handle.createQuery("""
                        select id, track_number, title, version, isrc, duration, display_artist, asset_id
                        from release_track where tenant_id = :tenantId and release_id = :releaseId
                        order by track_number""")
                .bind("tenantId", tenantId).bind("releaseId", releaseId)
                .map((rs, ctx) -> new Track(rs.getObject("id", UUID.class), rs.getInt("track_number"),
                        rs.getString("title"), rs.getString("version"), rs.getString("isrc"),
                        rs.getObject("duration") == null ? null : rs.getBigDecimal("duration").doubleValue(),
                        rs.getString("display_artist"), rs.getString("asset_id")))
                .list();
    }

    static List<Media> media(Handle handle, String tenantId, UUID releaseId) {
        return handle.createQuery("""
                        select id, track_id, type, status,
                               case when jsonb_typeof(metadata -> 'duration') = 'number'
                                    then (metadata ->> 'duration')::double precision end as duration
                        from media where tenant_id = :tenantId and release_id = :releaseId and status <> 'rejected'
                        order by registered_at, object_key""")
                .bind("tenantId", tenantId).bind("releaseId", releaseId)
                .map((rs, ctx) -> new Media(rs.getObject("id", UUID.class), rs.getObject("track_id", UUID.class),
                        rs.getString("type"), rs.getString("status"),
                        rs.getObject("duration") == null ? null : rs.getDouble("duration")))
                .list();
    }

    /** The id of the tenant's artist with this id, or else with exactly this name. */
    static Optional<String> findArtist(Handle handle, String tenantId, String idOrName) {
        return handle.createQuery("""
                        select id from artist where tenant_id = :tenantId and (id = :value or name = :value)
                        order by (id = :value) desc, created_at limit 1""")
                .bind("tenantId", tenantId).bind("value", idOrName).mapTo(String.class).findOne();
    }

    static void insertArtist(Handle handle, String tenantId, String id, String name) {
        handle.createUpdate("""
                        insert into artist (tenant_id, id, name) values (:tenantId, :id, :name)""")
                .bind("tenantId", tenantId).bind("id", id).bind("name", name).execute();
    }

    static boolean assetExists(Handle handle, String tenantId, String assetId) {
        return handle.createQuery("select exists (select 1 from asset where tenant_id = :tenantId and id = :id)")
                .bind("tenantId", tenantId).bind("id", assetId).mapTo(Boolean.class).one();
    }

    static void insertAsset(Handle handle, String tenantId, String id, String title, String displayArtist, String isrc,
                            Integer durationSeconds, String type, UUID requestId) {
        handle.createUpdate("""
                        insert into asset (tenant_id, id, title, display_artist, isrc, duration_seconds, type,
                            request_id)
                        values (:tenantId, :id, :title, :displayArtist, :isrc, :duration, :type, :requestId)""")
                .bind("tenantId", tenantId).bind("id", id).bind("title", title).bind("displayArtist", displayArtist)
                .bind("isrc", isrc).bind("duration", durationSeconds).bind("type", type)
                .bind("requestId", requestId).execute();
    }

    static void linkTrack(Handle handle, UUID trackId, String assetId) {
        handle.createUpdate("update release_track set asset_id = :assetId, updated_at = now() where id = :trackId")
                .bind("assetId", assetId).bind("trackId", trackId).execute();
    }

    static void attachProductMedia(Handle handle, String tenantId, String productId, UUID mediaId, int position) {
        handle.createUpdate("""
                        insert into product_media (tenant_id, product_id, media_id, position)
                        values (:tenantId, :productId, :mediaId, :position) on conflict do nothing""")
                .bind("tenantId", tenantId).bind("productId", productId).bind("mediaId", mediaId)
                .bind("position", position).execute();
    }

    static void attachAssetMedia(Handle handle, String tenantId, String assetId, UUID mediaId) {
        handle.createUpdate("""
                        insert into asset_media (tenant_id, asset_id, media_id) values (:tenantId, :assetId, :mediaId)
                        on conflict do nothing""")
                .bind("tenantId", tenantId).bind("assetId", assetId).bind("mediaId", mediaId).execute();
    }

    static Optional<Recorded> recorded(Handle handle, UUID releaseId) {
        return handle.createQuery("""
                        select tenant_id, product_id, succeeded, event_id, event_type, event_payload::text as payload
                        from release_auto_creation where release_id = :releaseId""")
                .bind("releaseId", releaseId)
                .map((rs, ctx) -> new Recorded(rs.getString("tenant_id"), rs.getString("product_id"),
                        rs.getBoolean("succeeded"), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                        rs.getString("payload")))
                .findOne();
    }

    static void record(Handle handle, UUID releaseId, String tenantId, String productId, UUID commandId,
                       boolean succeeded, UUID eventId, String eventType, String eventPayload) {
        handle.createUpdate("""
                        insert into release_auto_creation (release_id, tenant_id, product_id, command_id, succeeded,
                            event_id, event_type, event_payload)
                        values (:releaseId, :tenantId, :productId, :commandId, :succeeded, :eventId, :eventType,
                            cast(:payload as jsonb))
                        on conflict (release_id) do update set product_id = excluded.product_id,
                            command_id = excluded.command_id, succeeded = excluded.succeeded,
                            event_id = excluded.event_id, event_type = excluded.event_type,
                            event_payload = excluded.event_payload, created_at = now()""")
                .bind("releaseId", releaseId).bind("tenantId", tenantId).bind("productId", productId)
                .bind("commandId", commandId).bind("succeeded", succeeded).bind("eventId", eventId)
                .bind("eventType", eventType).bind("payload", eventPayload).execute();
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
