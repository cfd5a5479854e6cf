package io.catalogingest.gateway.release;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import io.catalogingest.common.MediaId;
import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.MediaStatus;

/** Releases, their tracks and media of a tenant, read only (the ingest-worker writes them). */
@RegisterConstructorMapper(ReleaseDao.ReleaseRow.class)
@RegisterConstructorMapper(ReleaseDao.TrackRow.class)
@RegisterConstructorMapper(ReleaseDao.MediaRow.class)
@RegisterConstructorMapper(ReleaseDao.StatusCount.class)
interface ReleaseDao {

    /** A release row; JSON columns as text. */
    record ReleaseRow(String tenantId, String id, String ownerId, String status, String title, String displayArtist,
                      String artists, String format, String type, String version, String label, String copyright,
                      String description, List<String> mainGenre, List<String> subGenre, LocalDate releaseDate,
                      LocalDate preReleaseDate, String explicit, String contributors, String metadata,
                      Instant submittedAt, Instant reviewedAt, String reviewedBy, String feedback, Instant completedAt,
                      String autoCreationStatus, String autoCreationError, String createdProductId, Instant createdAt,
                      Instant updatedAt) {
    }

    /** A track row; JSON columns as text, {@code duration} as declared. */
    record TrackRow(String id, String releaseId, int trackNumber, String title, String version, String isrc,
                    String iswc, BigDecimal duration, String displayArtist, String artists, boolean explicit,
                    String language, List<String> mainGenre, List<String> subGenre, String contributors,
                    String metadata, String assetId) {
    }

    /** A media row; {@code metadata} (what inspection measured) as JSON text. */
    record MediaRow(String id, String releaseId, String trackId, String bucket, String objectKey, String uploadKey,
                    String name, String type, String mimeType, long size, String sha256, MediaStatus status,
                    String metadata, Instant uploadedAt, Instant registeredAt, String linkUrl) {
    }

    String RELEASES = """
            select tenant_id, id, owner_id, status, title, display_artist, artists::text as artists, format, type,
                   version, label, copyright, description, main_genre, sub_genre, release_date, pre_release_date,
                   explicit, contributors::text as contributors, metadata::text as metadata, submitted_at,
                   reviewed_at, reviewed_by, feedback, completed_at, auto_creation_status, auto_creation_error,
                   created_product_id, created_at, updated_at
            from release""";
    String MEDIA = """
            select id, release_id, track_id, bucket, object_key, upload_key, name, type, mime_type, size, sha256,
                   status, metadata::text as metadata, uploaded_at, registered_at, link_url
            from media""";
    /**
     * The filters of a list; each null one lets every release through. {@code search} is an ILIKE pattern (escape
     * {@code !}); {@code scope} is the owner a plain user is limited to, {@code owner} the owner asked for.
     */
    String FILTERED = """
             where tenant_id = :tenantId
               and (cast(:scope as text) is null or owner_id = :scope)
               and (cast(:owner as text) is null or owner_id = :owner)
               and (cast(:status as text) is null or status = :status)
               and (cast(:format as text) is null or lower(format) = lower(:format))
               and (cast(:type as text) is null or lower(type) = lower(:type))
               and (cast(:search as text) is null or title ilike :search escape '!'
                    or display_artist ilike :search escape '!' or description ilike :search escape '!')""";

    /** How many releases of the workspace (of the owner {@code scope}, if not null) are in a status. */
    record StatusCount(String status, long count) {
    }

    @SqlQuery("select status from release where tenant_id = :tenantId and id = :id")
    Optional<ReleaseStatus> status(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);

    @SqlQuery("""
            select exists (select 1 from release_track
                           where tenant_id = :tenantId and release_id = :releaseId and id = :id)""")
    boolean trackExists(@Bind("tenantId") String tenantId, @Bind("releaseId") ReleaseId releaseId,
                        @Bind("id") TrackId trackId);

    @SqlQuery(RELEASES + " where tenant_id = :tenantId and id = :id")
    Optional<ReleaseRow> find(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);

    @SqlQuery("select count(*) from release " + FILTERED)
    long count(@Bind("tenantId") String tenantId, @Bind("scope") String scope, @Bind("owner") String owner,
               @Bind("status") String status, @Bind("format") String format, @Bind("type") String type,
               @Bind("search") String search);

    /** Releases newest first. */
    @SqlQuery(RELEASES + " " + FILTERED + " order by created_at desc, id limit :limit offset :offset")
    List<ReleaseRow> page(@Bind("tenantId") String tenantId, @Bind("scope") String scope, @Bind("owner") String owner,
                          @Bind("status") String status, @Bind("format") String format, @Bind("type") String type,
                          @Bind("search") String search, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("""
            select status, count(*) as count from release
            where tenant_id = :tenantId and (cast(:scope as text) is null or owner_id = :scope)
            group by status""")
    List<StatusCount> countsByStatus(@Bind("tenantId") String tenantId, @Bind("scope") String scope);

    /** The tracks of the releases, by release and number. */
    @SqlQuery("""
            select id, release_id, track_number, title, version, isrc, iswc, duration, display_artist,
                   artists::text as artists, explicit, language, main_genre, sub_genre, contributors::text as contributors,
                   metadata::text as metadata, asset_id
            from release_track where release_id = any(cast(:ids as uuid[])) order by release_id, track_number""")
    List<TrackRow> tracks(@Bind("ids") String[] releaseIds);

    /** Release and track media of a release that are registered or promoted, track files after release files. */
    @SqlQuery(MEDIA + " " + """
             where tenant_id = :tenantId and release_id = :releaseId and status in ('registered', 'promoted')
             order by track_id nulls first, name""")
    List<MediaRow> media(@Bind("tenantId") String tenantId, @Bind("releaseId") ReleaseId releaseId);

    /** The registered or promoted media with this key in the release, if any. */
    @SqlQuery(MEDIA + " " + """
             where tenant_id = :tenantId and release_id = :releaseId and object_key = :key
               and status in ('registered', 'promoted')""")
    Optional<MediaRow> mediaByKey(@Bind("tenantId") String tenantId, @Bind("releaseId") ReleaseId releaseId,
                                  @Bind("key") String objectKey);

    /** The key of the registered or promoted media with this id in the release, if any. */
    @SqlQuery("""
            select object_key from media
            where tenant_id = :tenantId and release_id = :releaseId and id = :id
              and status in ('registered', 'promoted')""")
    Optional<String> keyOfMediaId(@Bind("tenantId") String tenantId, @Bind("releaseId") ReleaseId releaseId,
                                  @Bind("id") MediaId mediaId);
}
