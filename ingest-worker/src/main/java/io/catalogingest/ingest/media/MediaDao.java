package io.catalogingest.ingest.media;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.MediaId;
import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.MediaStatus;

/** Media rows (and the release status they depend on), inside the caller's transaction ({@code handle.attach}). */
@RegisterConstructorMapper(MediaDao.Row.class)
interface MediaDao {

    /** A media row's key facts: its media key (cloudId) and the upload (temporary object) it registered. */
    record Row(MediaId id, String trackId, String bucket, String objectKey, String uploadKey, MediaStatus status) {
    }

    /** An upload's verdict, to record as the row of its media key. */
    record Verdict(MediaId id, String tenantId, ReleaseId releaseId, TrackId trackId, String bucket, String key,
                   String uploadKey, String etag, String name, String type, String mimeType, long size,
                   String sha256, MediaStatus status, String rejection, String metadata, Instant uploadedAt,
                   UUID requestId) {
    }

    String UPSERT = """
            insert into media (id, tenant_id, release_id, track_id, bucket, object_key, upload_key, etag, name, type,
                mime_type, size, sha256, status, rejection, metadata, uploaded_at, request_id)
            values (:id, :tenantId, :releaseId, :trackId, :bucket, :key, :uploadKey, :etag, :name, :type, :mimeType,
                :size, :sha256, :status, :rejection, cast(:metadata as jsonb), :uploadedAt, :requestId)
            on conflict (tenant_id, object_key) do update set
                id = excluded.id, release_id = excluded.release_id, track_id = excluded.track_id,
                bucket = excluded.bucket, upload_key = excluded.upload_key, etag = excluded.etag,
                name = excluded.name, type = excluded.type,
                mime_type = excluded.mime_type, size = excluded.size, sha256 = excluded.sha256,
                status = excluded.status, rejection = excluded.rejection, metadata = excluded.metadata,
                uploaded_at = excluded.uploaded_at, registered_at = now(), promoted_at = null,
                request_id = excluded.request_id, link_url = null
            """;

    /** An external link to record as the media key's file (nothing fetched yet: no hash, size 0). */
    record Link(MediaId id, String tenantId, ReleaseId releaseId, TrackId trackId, String bucket, String key,
                String uploadKey, String name, String type, String linkUrl, Instant uploadedAt, UUID requestId) {
    }

    String ROW = "select id, track_id, bucket, object_key, upload_key, status from media ";

    @SqlQuery("select status from release where tenant_id = :tenantId and id = :id")
    Optional<ReleaseStatus> status(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);

    /** The release's status with its row locked until the transaction ends (orders media changes and submits). */
    @SqlQuery("select status from release where tenant_id = :tenantId and id = :id for update")
    Optional<ReleaseStatus> lockStatus(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);

    @SqlQuery("select exists (select 1 from release_track where release_id = :releaseId and id = :id)")
    boolean trackExists(@Bind("releaseId") ReleaseId releaseId, @Bind("id") TrackId trackId);

    @SqlQuery(ROW + "where tenant_id = :tenantId and object_key = :key")
    Optional<Row> byKey(@Bind("tenantId") String tenantId, @Bind("key") String objectKey);

    /** The registered files of a track other than {@code keptKey}. */
    @SqlQuery(ROW + """
            where tenant_id = :tenantId and release_id = :releaseId and track_id = :trackId
              and object_key <> :key and status = 'registered'""")
    List<Row> otherTrackFiles(@Bind("tenantId") String tenantId, @Bind("releaseId") ReleaseId releaseId,
                              @Bind("trackId") TrackId trackId, @Bind("key") String keptKey);

    /** Records the upload as the media key's file, replacing an earlier upload's row whatever its status. */
    @SqlUpdate(UPSERT)
    void upsert(@BindMethods Verdict verdict);

    /** Records the upload's verdict unless a file that was not refused holds the media key: that one stays. */
    @SqlUpdate(UPSERT + "where media.status = 'rejected'")
    void upsertOverRejected(@BindMethods Verdict verdict);

    /** Records the link as the media key's file, replacing an earlier file or link of that key whatever its status. */
    @SqlUpdate("""
            insert into media (id, tenant_id, release_id, track_id, bucket, object_key, upload_key, name, type, size,
                status, uploaded_at, request_id, link_url)
            values (:id, :tenantId, :releaseId, :trackId, :bucket, :key, :uploadKey, :name, :type, 0, 'registered',
                :uploadedAt, :requestId, :linkUrl)
            on conflict (tenant_id, object_key) do update set
                id = excluded.id, release_id = excluded.release_id, track_id = excluded.track_id,
                bucket = excluded.bucket, upload_key = excluded.upload_key, etag = null, name = excluded.name,
                type = excluded.type, mime_type = null, size = 0, sha256 = null, status = 'registered',
                rejection = null, metadata = '{}'::jsonb, uploaded_at = excluded.uploaded_at, registered_at = now(),
                promoted_at = null, request_id = excluded.request_id, link_url = excluded.link_url
            """)
    void upsertLink(@BindMethods Link link);

    @SqlUpdate("delete from media where id = :id")
    void delete(@Bind("id") MediaId mediaId);
}
