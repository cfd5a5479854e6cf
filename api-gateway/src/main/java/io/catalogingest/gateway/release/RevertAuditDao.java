package io.catalogingest.gateway.release;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The audit row the ingest-worker wrote for a revert ({@code release_revert}), found by the request behind it. */
@RegisterConstructorMapper(RevertAuditDao.Row.class)
interface RevertAuditDao {

    /** A revert as recorded. */
    record Row(UUID releaseId, String fromStatus, String toStatus, String reason, String deletedProductId,
               List<String> deletedAssetIds, int restoredMedia) {
    }

    @SqlQuery("""
            select release_id, from_status, to_status, reason, deleted_product_id,
                deleted_asset_ids, restored_media
            from release_revert where tenant_id = :tenantId and request_id = :requestId""")
    Optional<Row> byRequest(@Bind("tenantId") String tenantId, @Bind("requestId") UUID requestId);
}
