package io.catalogingest.approval.promotion;

import java.util.List;
import java.util.UUID;

import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.common.release.MediaStatus;

/**
 * The media rows of an approved release and the progress of their promotion ({@code media_promotion}). Used on
 * demand ({@code jdbi.onDemand}). Every write is fenced by the driver's lease: one transaction that first holds the
 * approval row as that lease, so a driver that lost its lease ({@link io.catalogingest.approval.lease.LeaseLostException})
 * changes nothing.
 */
@RegisterConstructorMapper(PromotionDao.PendingFile.class)
interface PromotionDao extends SqlObject {

    /**
     * A file still to promote, or to announce.
     *
     * @param objectKey the media key: the permanent object's key
     * @param uploadKey the registered temporary object
     * @param etag      the ETag S3 acknowledged for the temporary object when it was uploaded (null for rows from
     *                  before it was recorded)
     * @param mimeType  the type inspection found in the bytes
     * @param sha256    the hash of the bytes; null for a link not fetched yet
     * @param linkUrl   the external link the file comes from, or null for an upload (docs/adr/0022)
     * @param type      the media type (for a link not fetched yet: the one the client declared, or null)
     */
    record PendingFile(UUID mediaId, String tenantId, UUID releaseId, UUID trackId, String objectKey,
                       String uploadKey, String etag, String mimeType, long size, String sha256, MediaStatus status,
                       String method, boolean verified, boolean tempDeleted, String linkUrl, String type) {

        /** A link whose bytes are not in the temporary bucket yet. */
        boolean unfetchedLink() {
            return linkUrl != null && sha256 == null;
        }

        /** This file once its link was fetched to its upload key. */
        PendingFile fetched(long fetchedSize, String fetchedSha256, String fetchedEtag, String fetchedMimeType,
                            String fetchedType) {
            return new PendingFile(mediaId, tenantId, releaseId, trackId, objectKey, uploadKey, fetchedEtag,
                    fetchedMimeType, fetchedSize, fetchedSha256, status, method, verified, tempDeleted, linkUrl,
                    fetchedType);
        }
    }

    /** The files of a release whose promotion has not been announced yet. */
    @SqlQuery("""
            select p.media_id, m.tenant_id, m.release_id, m.track_id, m.object_key, m.upload_key, m.etag, m.mime_type,
                   m.size, m.sha256, m.status, p.method, p.verified_at is not null as verified,
                   p.temp_deleted_at is not null as temp_deleted, m.link_url, m.type
            from media_promotion p join media m on m.id = p.media_id
            where p.tenant_id = :tenantId and p.release_id = :releaseId and p.announced_at is null
            order by m.object_key""")
    List<PendingFile> pending(@Bind("tenantId") String tenantId, @Bind("releaseId") UUID releaseId);

    @SqlUpdate("""
            update media set bucket = :bucket, status = 'promoted', promoted_at = coalesce(promoted_at, now())
            where id = :mediaId""")
    void movePermanent(@Bind("mediaId") UUID mediaId, @Bind("bucket") String mediaBucket);

    @SqlUpdate("""
            update media_promotion set method = coalesce(method, :method), verified_at = coalesce(verified_at, now()),
                last_error = null
            where media_id = :mediaId""")
    void verified(@Bind("mediaId") UUID mediaId, @Bind("method") String method);

    @SqlUpdate("update media_promotion set temp_deleted_at = coalesce(temp_deleted_at, now()) where media_id = :mediaId")
    void tempDeleted(@Bind("mediaId") UUID mediaId);

    @SqlUpdate("""
            update media_promotion set announced_at = coalesce(announced_at, now())
            where media_id = any(cast(:mediaIds as uuid[]))""")
    void announced(@Bind("mediaIds") UUID[] mediaIds);

    @SqlUpdate("""
            update media set size = :size, sha256 = :sha256, etag = :etag, mime_type = :mimeType, type = :type
            where id = :mediaId and link_url is not null""")
    void fetched(@Bind("mediaId") UUID mediaId, @Bind("size") long size, @Bind("sha256") String sha256,
                 @Bind("etag") String etag, @Bind("mimeType") String mimeType, @Bind("type") String type);

    @SqlUpdate("update media_promotion set attempts = attempts + 1, last_error = :error where media_id = :mediaId")
    void failed(@Bind("mediaId") UUID mediaId, @Bind("error") String error);

    /**
     * The permanent object verified: the media row names it from now on (its presigned URLs point to the permanent
     * bucket) and the promotion remembers how it got there. One transaction.
     */
    @Transaction
    default void markVerified(DriverLease lease, UUID mediaId, String method, String mediaBucket) {
        lease.hold(getHandle());
        movePermanent(mediaId, mediaBucket);
        verified(mediaId, method);
    }

    /** A link's bytes are at its upload key: the row records them, and the file is promoted like an upload. */
    @Transaction
    default void markFetched(DriverLease lease, UUID mediaId, long size, String sha256, String etag, String mimeType,
                             String type) {
        lease.hold(getHandle());
        fetched(mediaId, size, sha256, etag, mimeType, type);
    }

    @Transaction
    default void markTempDeleted(DriverLease lease, UUID mediaId) {
        lease.hold(getHandle());
        tempDeleted(mediaId);
    }

    @Transaction
    default void markAnnounced(DriverLease lease, List<UUID> mediaIds) {
        if (mediaIds.isEmpty()) {
            return;
        }
        lease.hold(getHandle());
        announced(mediaIds.toArray(UUID[]::new));
    }

    @Transaction
    default void recordFailure(DriverLease lease, UUID mediaId, String error) {
        lease.hold(getHandle());
        failed(mediaId, error == null || error.length() <= 2000 ? error : error.substring(0, 2000));
    }
}
