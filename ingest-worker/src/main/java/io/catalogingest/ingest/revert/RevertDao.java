package io.catalogingest.ingest.revert;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.release.AutoCreationStatus;
import io.catalogingest.common.release.ReleaseStatus;

/**
 * What a release's revert reads and changes (ADR 0021), inside the caller's transaction with the release's row locked
 * ({@code handle.attach}): the approval is fenced, promoted files point at their new temporary objects, the
 * auto-creation's catalog entries and the review fields go, and an audit row stays.
 */
@RegisterConstructorMapper(RevertDao.State.class)
@RegisterConstructorMapper(RevertDao.Approval.class)
@RegisterConstructorMapper(RevertDao.PromotedFile.class)
interface RevertDao {

    /**
     * The release as the revert finds it.
     *
     * @param productId the product auto-created from it: the completed release's, or the one a succeeded
     *                  auto-creation recorded before the approval-worker completed the release; null if none
     */
    record State(ReleaseStatus status, AutoCreationStatus autoCreationStatus, String productId) {
    }

    /**
     * The release's approval.
     *
     * @param driven a driver holds it, or it waits for the ingest-worker's answer to its command (its lease runs)
     */
    record Approval(String stage, boolean driven) {
    }

    /** A file of the release in the permanent bucket, with what its row says of its bytes. */
    record PromotedFile(UUID id, String bucket, String objectKey, String name, long size, String sha256,
                        String mimeType) {
    }

    @SqlQuery("""
            select r.status, r.auto_creation_status,
                coalesce(r.created_product_id,
                    (select a.product_id from release_auto_creation a where a.release_id = r.id and a.succeeded))
                    as product_id
            from release r where r.tenant_id = :tenantId and r.id = :id for update of r""")
    Optional<State> lock(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);

    @SqlQuery("""
            select stage, stage in ('promoting', 'creating') and lease_until is not null and lease_until > now()
                as driven
            from release_approval where release_id = :id for update""")
    Optional<Approval> lockApproval(@Bind("id") ReleaseId releaseId);

    /**
     * Fences the approval: any driver still holding an old lease finds its epoch stale and writes nothing; the row
     * stays (its epoch only grows) with stage {@code reverted}, which no driver takes.
     */
    @SqlUpdate("""
            update release_approval set stage = 'reverted', lease_epoch = lease_epoch + 1, lease_owner = null,
                lease_until = null, finished_at = now(), last_error = null
            where release_id = :id""")
    void fenceApproval(@Bind("id") ReleaseId releaseId);

    @SqlQuery("""
            select id, bucket, object_key, name, size, sha256, mime_type from media
            where tenant_id = :tenantId and release_id = :id and status = 'promoted' order by id""")
    List<PromotedFile> promotedFiles(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);

    /** Promoted files become registered again, each in the temporary bucket at its new upload key and ETag. */
    @SqlUpdate("""
            update media m set status = 'registered', bucket = :bucket, upload_key = f.upload_key, etag = f.etag,
                promoted_at = null
            from unnest(cast(:ids as uuid[]), cast(:keys as text[]), cast(:etags as text[]))
                as f(id, upload_key, etag)
            where m.release_id = :releaseId and m.id = f.id and m.status = 'promoted'""")
    int restore(@Bind("releaseId") ReleaseId releaseId, @Bind("bucket") String tempBucket,
                @Bind("ids") String[] mediaIds, @Bind("keys") String[] uploadKeys, @Bind("etags") String[] etags);

    /** The assets the auto-creation made for the release's tracks (not the linked ones it reused). */
    @SqlQuery("""
            select track ->> 'assetId' from release_auto_creation a,
                jsonb_array_elements(a.event_payload -> 'tracks') as track
            where a.release_id = :id and a.succeeded and (track ->> 'created')::boolean""")
    List<String> createdAssets(@Bind("id") ReleaseId releaseId);

    /** The release's files leave the product and assets they were attached to. */
    @SqlUpdate("""
            delete from product_media where media_id in (select id from media where release_id = :id)""")
    void detachProductMedia(@Bind("id") ReleaseId releaseId);

    @SqlUpdate("""
            delete from asset_media where media_id in (select id from media where release_id = :id)""")
    void detachAssetMedia(@Bind("id") ReleaseId releaseId);

    /** The soft-deleted product lets go of the assets made for it. */
    @SqlUpdate("""
            delete from product_asset
            where tenant_id = :tenantId and product_id = :productId and asset_id = any(cast(:assetIds as text[]))""")
    void releaseAssets(@Bind("tenantId") String tenantId, @Bind("productId") String productId,
                       @Bind("assetIds") String[] assetIds);

    /** Tracks linked to the created assets are unlinked (a linked existing asset stays linked). */
    @SqlUpdate("""
            update release_track set asset_id = null, updated_at = now()
            where release_id = :id and asset_id = any(cast(:assetIds as text[]))""")
    void unlinkTracks(@Bind("id") ReleaseId releaseId, @Bind("assetIds") String[] assetIds);

    /** Deletes the created assets that no other product uses meanwhile; returns the ids deleted. */
    @SqlQuery("""
            delete from asset a
            where a.tenant_id = :tenantId and a.id = any(cast(:assetIds as text[]))
              and not exists (select 1 from product_asset p where p.tenant_id = a.tenant_id and p.asset_id = a.id)
            returning a.id""")
    List<String> deleteAssets(@Bind("tenantId") String tenantId, @Bind("assetIds") String[] assetIds);

    /** Forgets what auto-creation and promotion recorded, so a new approval starts from nothing. */
    @SqlUpdate("delete from release_auto_creation where release_id = :id")
    void forgetAutoCreation(@Bind("id") ReleaseId releaseId);

    @SqlUpdate("delete from media_promotion where release_id = :id")
    void forgetPromotions(@Bind("id") ReleaseId releaseId);

    /** The release is {@code target} again, without its review, completion and auto-creation fields. */
    @SqlUpdate("""
            update release set status = :target, reviewed_at = null, reviewed_by = null, feedback = null,
                completed_at = null, auto_creation_status = null, auto_creation_error = null,
                created_product_id = null,
                submitted_at = case when :target = 'draft' then null else submitted_at end, updated_at = now()
            where tenant_id = :tenantId and id = :id""")
    void markReverted(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId,
                      @Bind("target") ReleaseStatus target);

    @SqlUpdate("""
            insert into release_revert (id, tenant_id, release_id, from_status, to_status, reason, admin_id,
                request_id, deleted_product_id, deleted_asset_ids, restored_media)
            values (:id, :tenantId, :releaseId, :from, :to, :reason, :adminId, :requestId, :productId,
                cast(:assetIds as text[]), :restored)
            on conflict (id) do nothing""")
    void audit(@Bind("id") UUID commandId, @Bind("tenantId") String tenantId, @Bind("releaseId") ReleaseId releaseId,
               @Bind("from") ReleaseStatus from, @Bind("to") ReleaseStatus to, @Bind("reason") String reason,
               @Bind("adminId") String adminId, @Bind("requestId") UUID requestId,
               @Bind("productId") String productId, @Bind("assetIds") String[] assetIds,
               @Bind("restored") int restored);
}
