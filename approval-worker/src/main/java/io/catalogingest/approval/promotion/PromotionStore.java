package io.catalogingest.approval.promotion;

import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

import io.catalogingest.approval.lease.DriverLease;

/**
 * The media rows of an approved release and the progress of their promotion ({@code media_promotion}). Every write is
 * fenced by the driver's lease: made in a transaction that first holds the approval row as that lease, so a driver
 * that lost its lease ({@link io.catalogingest.approval.lease.LeaseLostException}) changes nothing.
 */
final class PromotionStore {

    private final Jdbi jdbi;

    PromotionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A file still to promote, or to announce.
     *
     * @param objectKey the media key: the permanent object's key
     * @param uploadKey the registered temporary object
     * @param etag      the ETag S3 acknowledged for the temporary object when it was uploaded (null for rows from
     *                  before it was recorded)
     * @param mimeType  the type inspection found in the bytes
     */
    record PendingFile(UUID mediaId, String tenantId, UUID releaseId, UUID trackId, String objectKey,
                       String uploadKey, String etag, String mimeType, long size, String sha256, String status,
                       String method, boolean verified, boolean tempDeleted) {
    }

    /** The files of a release whose promotion has not been announced yet. */
    List<PendingFile> pending(String tenantId, UUID releaseId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select p.media_id, m.tenant_id, m.release_id, m.track_id, m.object_key, m.upload_key, m.etag,
                               m.mime_type, m.size, m.sha256,
                               m.status, p.method, p.verified_at is not null as verified,
                               p.temp_deleted_at is not null as temp_deleted
                        from media_promotion p join media m on m.id = p.media_id
                        where p.tenant_id = :tenantId and p.release_id = :releaseId and p.announced_at is null
                        order by m.object_key""")
                .bind("tenantId", tenantId).bind("releaseId", releaseId)
                .map((rs, ctx) -> new PendingFile(rs.getObject("media_id", UUID.class), rs.getString("tenant_id"),
                        rs.getObject("release_id", UUID.class), rs.getObject("track_id", UUID.class),
                        rs.getString("object_key"), rs.getString("upload_key"), rs.getString("etag"),
                        rs.getString("mime_type"), rs.getLong("size"), rs.getString("sha256"),
                        rs.getString("status"), rs.getString("method"), rs.getBoolean("verified"),
                        rs.getBoolean("temp_deleted")))
                .list());
    }

    /**
     * The permanent object verified: the media row names it from now on (its presigned URLs point to the permanent
     * bucket) and the promotion remembers how it got there. One transaction.
     */
    void markVerified(DriverLease lease, UUID mediaId, String method, String mediaBucket) {
        jdbi.useTransaction(handle -> {
            lease.hold(handle);
            handle.createUpdate("""
                            update media set bucket = :bucket, status = 'promoted', promoted_at = coalesce(promoted_at, now())
                            where id = :mediaId""")
                    .bind("bucket", mediaBucket).bind("mediaId", mediaId).execute();
            handle.createUpdate("""
                            update media_promotion set method = coalesce(method, :method),
                                verified_at = coalesce(verified_at, now()), last_error = null
                            where media_id = :mediaId""")
                    .bind("method", method).bind("mediaId", mediaId).execute();
        });
    }

    void markTempDeleted(DriverLease lease, UUID mediaId) {
        jdbi.useTransaction(handle -> {
            lease.hold(handle);
            handle.createUpdate("""
                            update media_promotion set temp_deleted_at = coalesce(temp_deleted_at, now())
                            where media_id = :mediaId""")
                    .bind("mediaId", mediaId).execute();
        });
    }

    void markAnnounced(DriverLease lease, List<UUID> mediaIds) {
        if (mediaIds.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            lease.hold(handle);
            handle.createUpdate("""
                            update media_promotion set announced_at = coalesce(announced_at, now())
                            where media_id = any(:mediaIds)""")
                    .bindArray("mediaIds", UUID.class, mediaIds).execute();
        });
    }

    void recordFailure(DriverLease lease, UUID mediaId, String error) {
        jdbi.useTransaction(handle -> {
            lease.hold(handle);
            handle.createUpdate("""
                            update media_promotion set attempts = attempts + 1, last_error = :error
                            where media_id = :mediaId""")
                    .bind("error", truncate(error)).bind("mediaId", mediaId).execute();
        });
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
