package io.catalogingest.ingest.release;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.ReleaseId;

/**
 * Edits of a release in draft or rejected and its deletion: partial updates (null keeps a column), track numbering
 * kept 1..n, written inside the caller's transaction with the release's row locked ({@link ReleaseDao#lockStatus}).
 */
@RegisterConstructorMapper(ReleaseEditDao.AssetDefaults.class)
@RegisterConstructorMapper(ReleaseEditDao.StoredObject.class)
@RegisterConstructorMapper(ReleaseEditDao.ReleaseDates.class)
interface ReleaseEditDao {

    /** The release's columns to change; null keeps the column. JSON columns as JSON text, genres as arrays. */
    record ReleaseChanges(String tenantId, ReleaseId id, String title, String displayArtist, String artists,
                          String format, String type, String version, String label, String copyright,
                          String description, String[] mainGenre, String[] subGenre, LocalDate releaseDate,
                          LocalDate preReleaseDate, String explicit, String contributors, String metadata) {
    }

    /** A track's columns to change; null keeps the column. */
    record TrackChanges(ReleaseId releaseId, UUID id, String title, String version, String isrc, String iswc,
                        Double duration, String displayArtist, String artists, Boolean explicit, String language,
                        String[] mainGenre, String[] subGenre, String contributors, String metadata) {
    }

    /** A release's dates (either may be null). */
    record ReleaseDates(LocalDate releaseDate, LocalDate preReleaseDate) {
    }

    /** An asset's fields a linked track starts from. */
    record AssetDefaults(String title, String displayArtist, String isrc, Integer durationSeconds) {
    }

    /** A temporary object of a media row, to delete once the rows are gone. */
    record StoredObject(String bucket, String uploadKey) {
    }

    @SqlUpdate("""
            update release set
                title = coalesce(:title, title),
                display_artist = coalesce(:displayArtist, display_artist),
                artists = coalesce(cast(:artists as jsonb), artists),
                format = coalesce(:format, format),
                type = coalesce(:type, type),
                version = coalesce(:version, version),
                label = coalesce(:label, label),
                copyright = coalesce(:copyright, copyright),
                description = coalesce(:description, description),
                main_genre = coalesce(cast(:mainGenre as text[]), main_genre),
                sub_genre = coalesce(cast(:subGenre as text[]), sub_genre),
                release_date = coalesce(cast(:releaseDate as date), release_date),
                pre_release_date = coalesce(cast(:preReleaseDate as date), pre_release_date),
                explicit = coalesce(:explicit, explicit),
                contributors = coalesce(cast(:contributors as jsonb), contributors),
                metadata = coalesce(cast(:metadata as jsonb), metadata),
                updated_at = now()
            where tenant_id = :tenantId and id = :id""")
    void update(@BindMethods ReleaseChanges changes);

    /** The release's dates as stored. */
    @SqlQuery("select release_date, pre_release_date from release where id = :id")
    ReleaseDates dates(@Bind("id") ReleaseId releaseId);

    /** The release's track ids in track-number order. */
    @SqlQuery("select id from release_track where release_id = :id order by track_number")
    List<UUID> trackOrder(@Bind("id") ReleaseId releaseId);

    /** Moves every track number of the release out of 1..n, so that {@link #number} can renumber without clashes. */
    @SqlUpdate("update release_track set track_number = track_number + 1000000 where release_id = :id")
    void parkNumbers(@Bind("id") ReleaseId releaseId);

    /** Numbers the release's tracks 1..n in the order given (every track of the release, once). */
    @SqlUpdate("""
            update release_track t set track_number = o.position, updated_at = now()
            from unnest(cast(:ids as uuid[])) with ordinality as o(id, position)
            where t.release_id = :releaseId and t.id = o.id""")
    int number(@Bind("releaseId") ReleaseId releaseId, @Bind("ids") String[] orderedIds);

    /** Changes a track's fields; false when the release has no such track. */
    @SqlUpdate("""
            update release_track set
                title = coalesce(:title, title),
                version = coalesce(:version, version),
                isrc = coalesce(:isrc, isrc),
                iswc = coalesce(:iswc, iswc),
                duration = coalesce(cast(:duration as numeric), duration),
                display_artist = coalesce(:displayArtist, display_artist),
                artists = coalesce(cast(:artists as jsonb), artists),
                explicit = coalesce(cast(:explicit as boolean), explicit),
                language = coalesce(:language, language),
                main_genre = coalesce(cast(:mainGenre as text[]), main_genre),
                sub_genre = coalesce(cast(:subGenre as text[]), sub_genre),
                contributors = coalesce(cast(:contributors as jsonb), contributors),
                metadata = coalesce(cast(:metadata as jsonb), metadata),
                updated_at = now()
            where release_id = :releaseId and id = :id""")
    boolean updateTrack(@BindMethods TrackChanges changes);

    @SqlUpdate("update release_track set asset_id = :assetId, updated_at = now() where release_id = :releaseId and id = :id")
    void linkAsset(@Bind("releaseId") ReleaseId releaseId, @Bind("id") UUID trackId, @Bind("assetId") String assetId);

    @SqlQuery("""
            select title, display_artist as display_artist, isrc, duration_seconds from asset
            where tenant_id = :tenantId and id = :id""")
    Optional<AssetDefaults> asset(@Bind("tenantId") String tenantId, @Bind("id") String assetId);

    /** The temporary objects of a track's media. */
    @SqlQuery("select bucket, upload_key from media where release_id = :releaseId and track_id = :trackId")
    List<StoredObject> trackObjects(@Bind("releaseId") ReleaseId releaseId, @Bind("trackId") UUID trackId);

    /** The temporary objects of all of a release's media. */
    @SqlQuery("select bucket, upload_key from media where release_id = :releaseId")
    List<StoredObject> releaseObjects(@Bind("releaseId") ReleaseId releaseId);

    /** Deletes a track (its media rows go with it); false when the release has no such track. */
    @SqlUpdate("delete from release_track where release_id = :releaseId and id = :id")
    boolean deleteTrack(@Bind("releaseId") ReleaseId releaseId, @Bind("id") UUID trackId);

    /** Deletes a release; its tracks and media rows go with it. */
    @SqlUpdate("delete from release where tenant_id = :tenantId and id = :id")
    boolean deleteRelease(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);
}
