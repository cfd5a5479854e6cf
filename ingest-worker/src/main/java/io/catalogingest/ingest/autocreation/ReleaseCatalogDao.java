package io.catalogingest.ingest.autocreation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.MediaStatus;

/**
 * Reads an approved release and writes the catalog entries made from it, inside the caller's transaction
 * ({@code handle.attach}).
 */
@RegisterConstructorMapper(ReleaseCatalogDao.Release.class)
@RegisterConstructorMapper(ReleaseCatalogDao.Track.class)
@RegisterConstructorMapper(ReleaseCatalogDao.Media.class)
@RegisterConstructorMapper(ReleaseCatalogDao.Recorded.class)
interface ReleaseCatalogDao {

    /** The release fields a product is made from; the JSON columns as text. */
    record Release(UUID id, String tenantId, ReleaseStatus status, String title, String displayArtist,
                   String artistsJson, String type, String version, String label, String copyright,
                   List<String> mainGenre, List<String> subGenre, LocalDate releaseDate, String explicit,
                   String contributorsJson, String metadataJson) {

        public Release {
            mainGenre = mainGenre == null ? List.of() : List.copyOf(mainGenre);
            subGenre = subGenre == null ? List.of() : List.copyOf(subGenre);
        }
    }

    record Track(UUID id, int number, String title, String version, String isrc, Double declaredDuration,
                 String displayArtist, String assetId) {
    }

    /** A media file of the release; {@code duration} is the measured one (seconds), if any. */
    record Media(UUID id, UUID trackId, String type, MediaStatus status, Double duration) {
    }

    /** What auto-creation recorded for a release, to announce again. */
    record Recorded(String tenantId, String productId, boolean succeeded, UUID eventId, String eventType,
                    String eventPayload) {
    }

    @SqlQuery("""
            select id, tenant_id, status, title, display_artist, artists::text as artists_json, type, version, label,
                   copyright, main_genre, sub_genre, release_date, explicit, contributors::text as contributors_json,
                   metadata::text as metadata_json
            from release where tenant_id = :tenantId and id = :releaseId for update""")
    Optional<Release> lockRelease(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId);

    @SqlQuery("""
            select id, track_number as number, title, version, isrc, duration as declared_duration, display_artist,
                   asset_id
            from release_track where tenant_id = :tenantId and release_id = :releaseId
            order by track_number""")
    List<Track> tracks(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId);

    /** The release's files that were not refused, in the order they were registered. */
    @SqlQuery("""
            select id, track_id, type, status,
                   case when jsonb_typeof(metadata -> 'duration') = 'number'
                        then (metadata ->> 'duration')::double precision end as duration
            from media where tenant_id = :tenantId and release_id = :releaseId and status <> 'rejected'
            order by registered_at, object_key""")
    List<Media> media(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId);

    /** The id of the tenant's artist with this id, or else with exactly this name. */
    @SqlQuery("""
            select id from artist where tenant_id = :tenantId and (id = :value or name = :value)
            order by (id = :value) desc, created_at limit 1""")
    Optional<String> findArtist(@Bind("tenantId") String tenantId, @Bind("value") String idOrName);

    @SqlUpdate("insert into artist (tenant_id, id, name) values (:tenantId, :id, :name)")
    void insertArtist(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("name") String name);

    @SqlQuery("select exists (select 1 from asset where tenant_id = :tenantId and id = :id)")
    boolean assetExists(@Bind("tenantId") String tenantId, @Bind("id") String assetId);

    @SqlUpdate("""
            insert into asset (tenant_id, id, title, display_artist, isrc, duration_seconds, type, request_id)
            values (:tenantId, :id, :title, :displayArtist, :isrc, :duration, :type, :requestId)""")
    void insertAsset(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("title") String title,
                     @Bind("displayArtist") String displayArtist, @Bind("isrc") String isrc,
                     @Bind("duration") Integer durationSeconds, @Bind("type") String type,
                     @Bind("requestId") UUID requestId);

    @SqlUpdate("update release_track set asset_id = :assetId, updated_at = now() where id = :trackId")
    void linkTrack(@Bind("trackId") UUID trackId, @Bind("assetId") String assetId);

    @SqlUpdate("""
            insert into product_media (tenant_id, product_id, media_id, position)
            values (:tenantId, :productId, :mediaId, :position) on conflict do nothing""")
    void attachProductMedia(@Bind("tenantId") String tenantId, @Bind("productId") String productId,
                            @Bind("mediaId") UUID mediaId, @Bind("position") int position);

    @SqlUpdate("""
            insert into asset_media (tenant_id, asset_id, media_id) values (:tenantId, :assetId, :mediaId)
            on conflict do nothing""")
    void attachAssetMedia(@Bind("tenantId") String tenantId, @Bind("assetId") String assetId,
                          @Bind("mediaId") UUID mediaId);

    @SqlQuery("""
            select tenant_id, product_id, succeeded, event_id, event_type, event_payload::text as event_payload
            from release_auto_creation where release_id = :releaseId""")
    Optional<Recorded> recorded(@Bind("releaseId") UUID releaseId);

    /** Records what auto-creation came to for the release (a later attempt replaces a failure). */
    @SqlUpdate("""
            insert into release_auto_creation (release_id, tenant_id, product_id, command_id, succeeded, event_id,
                event_type, event_payload)
            values (:releaseId, :tenantId, :productId, :commandId, :succeeded, :eventId, :eventType,
                cast(:payload as jsonb))
            on conflict (release_id) do update set product_id = excluded.product_id,
                command_id = excluded.command_id, succeeded = excluded.succeeded,
                event_id = excluded.event_id, event_type = excluded.event_type,
                event_payload = excluded.event_payload, created_at = now()""")
    void record(@Bind("releaseId") UUID releaseId, @Bind("tenantId") String tenantId,
                @Bind("productId") String productId, @Bind("commandId") UUID commandId,
                @Bind("succeeded") boolean succeeded, @Bind("eventId") UUID eventId,
                @Bind("eventType") String eventType, @Bind("payload") String eventPayload);
}
