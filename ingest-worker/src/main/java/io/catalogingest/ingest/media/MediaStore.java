package io.catalogingest.ingest.media;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.springframework.stereotype.Component;

import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.releases.MediaProperties;
import io.catalogingest.common.releases.RegisterMedia;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Media rows (and the release status they depend on), written inside the caller's transaction. */
@Component
class MediaStore {

    private final JsonMapper json;

    MediaStore(JsonMapper json) {
        this.json = json;
    }

    /** A media row's key facts: its media key (cloudId) and the upload (temporary object) it registered. */
    record Row(UUID id, String trackId, String bucket, String objectKey, String uploadKey, String status) {
    }

    Optional<ReleaseStatus> status(Handle handle, String tenantId, String releaseId) {
        return handle.createQuery("select status from release where tenant_id = :tenantId and id = :id")
                .bind("tenantId", tenantId).bind("id", UUID.fromString(releaseId))
                .mapTo(String.class).findOne().map(ReleaseStatus::fromJsonName);
    }

    /** The release's status with its row locked until the transaction ends (orders media changes and submits). */
    Optional<ReleaseStatus> lockStatus(Handle handle, String tenantId, String releaseId) {
        return handle.createQuery("select status from release where tenant_id = :tenantId and id = :id for update")
                .bind("tenantId", tenantId).bind("id", UUID.fromString(releaseId))
                .mapTo(String.class).findOne().map(ReleaseStatus::fromJsonName);
    }

    boolean trackExists(Handle handle, String releaseId, String trackId) {
        return handle.createQuery("""
                        select exists (select 1 from release_track where release_id = :releaseId and id = :id)""")
                .bind("releaseId", UUID.fromString(releaseId)).bind("id", UUID.fromString(trackId))
                .mapTo(Boolean.class).one();
    }

    Optional<Row> byKey(Handle handle, String tenantId, String objectKey) {
        return handle.createQuery("""
                        select id, track_id, bucket, object_key, upload_key, status from media
                        where tenant_id = :tenantId and object_key = :key""")
                .bind("tenantId", tenantId).bind("key", objectKey)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    /** The registered files of a track other than {@code keptKey}. */
    List<Row> otherTrackFiles(Handle handle, String tenantId, String releaseId, String trackId, String keptKey) {
        return handle.createQuery("""
                        select id, track_id, bucket, object_key, upload_key, status from media
                        where tenant_id = :tenantId and release_id = :releaseId and track_id = :trackId
                          and object_key <> :key and status = 'registered'""")
                .bind("tenantId", tenantId).bind("releaseId", UUID.fromString(releaseId))
                .bind("trackId", UUID.fromString(trackId)).bind("key", keptKey)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("track_id"), rs.getString("bucket"),
                rs.getString("object_key"), rs.getString("upload_key"), rs.getString("status"));
    }

    /** Records the upload as the media key's registered file (replacing an earlier upload's row), with what inspection found. */
    void upsertRegistered(Handle handle, String tenantId, UUID requestId, RegisterMedia media, Inspection inspection) {
        upsert(handle, tenantId, requestId, media, "registered", inspection.kind().jsonName(), inspection.mimeType(),
                null, metadata(inspection), "");
    }

    /**
     * Records the upload as refused, with why — unless a registered file holds the media key: that one stays (the
     * refused upload was a separate object and changed nothing).
     */
    void recordRejected(Handle handle, String tenantId, UUID requestId, RegisterMedia media, String reason) {
        upsert(handle, tenantId, requestId, media, "rejected", null, null, reason, "{}",
                "where media.status = 'rejected'");
    }

    private void upsert(Handle handle, String tenantId, UUID requestId, RegisterMedia media, String status,
                        String type, String mimeType, String rejection, String metadata, String condition) {
        handle.createUpdate("""
                        insert into media (id, tenant_id, release_id, track_id, bucket, object_key, upload_key, etag,
                            name, type, mime_type, size, sha256, status, rejection, metadata, uploaded_at, request_id)
                        values (:id, :tenantId, :releaseId, :trackId, :bucket, :key, :uploadKey, :etag, :name, :type,
                            :mimeType, :size, :sha256, :status, :rejection, cast(:metadata as jsonb), :uploadedAt,
                            :requestId)
                        on conflict (tenant_id, object_key) do update set
                            id = excluded.id, release_id = excluded.release_id, track_id = excluded.track_id,
                            bucket = excluded.bucket, upload_key = excluded.upload_key, etag = excluded.etag,
                            name = excluded.name, type = excluded.type,
                            mime_type = excluded.mime_type, size = excluded.size, sha256 = excluded.sha256,
                            status = excluded.status, rejection = excluded.rejection, metadata = excluded.metadata,
                            uploaded_at = excluded.uploaded_at, registered_at = now(), promoted_at = null,
                            request_id = excluded.request_id
                        """ + condition)
                .bind("id", UUID.fromString(media.mediaId()))
                .bind("tenantId", tenantId)
                .bind("releaseId", UUID.fromString(media.releaseId()))
                .bind("trackId", media.trackId() == null ? null : UUID.fromString(media.trackId()))
                .bind("bucket", media.bucket())
                .bind("key", media.objectKey())
                .bind("uploadKey", media.storedKey())
                .bind("etag", media.etag())
                .bind("name", media.name())
                .bind("type", type)
                .bind("mimeType", mimeType)
                .bind("size", media.size())
                .bind("sha256", media.sha256())
                .bind("status", status)
                .bind("rejection", rejection)
                .bind("metadata", metadata)
                .bind("uploadedAt", media.uploadedAt())
                .bind("requestId", requestId)
                .execute();
    }

    void delete(Handle handle, UUID mediaId) {
        handle.createUpdate("delete from media where id = :id").bind("id", mediaId).execute();
    }

    private String metadata(Inspection inspection) {
        ObjectNode node = json.createObjectNode();
        MediaProperties p = inspection.properties();
        if (p.duration() != null) {
            node.put("duration", p.duration());
        }
        if (p.bitrate() != null) {
            node.put("bitrate", p.bitrate());
        }
        if (p.sampleRate() != null) {
            node.put("sampleRate", p.sampleRate());
        }
        if (p.channels() != null) {
            node.put("channels", p.channels());
        }
        if (p.bitsPerSample() != null) {
            node.put("bitsPerSample", p.bitsPerSample());
        }
        if (p.codec() != null) {
            node.put("codec", p.codec());
        }
        if (p.width() != null) {
            node.put("width", p.width());
        }
        if (p.height() != null) {
            node.put("height", p.height());
        }
        return node.toString();
    }
}
