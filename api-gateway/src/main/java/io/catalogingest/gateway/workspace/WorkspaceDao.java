package io.catalogingest.gateway.workspace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import io.catalogingest.common.workspace.UpcBlockStatus;

/** Reads a workspace's settings and UPC blocks (the ingest-worker writes them). */
@RegisterConstructorMapper(WorkspaceDao.Setting.class)
@RegisterConstructorMapper(WorkspaceDao.Block.class)
interface WorkspaceDao {

    /** A setting the workspace changed, in its normalized text form. */
    record Setting(String name, String value, Instant updatedAt) {
    }

    /** A block row; numbers below {@code nextItemReference} have been issued. */
    record Block(UUID id, String companyPrefix, int gtinLength, long firstItemReference, long lastItemReference,
                 long nextItemReference, UpcBlockStatus status, Instant createdAt, Instant retiredAt) {
    }

    @SqlQuery("select name, value, updated_at from workspace_setting where tenant_id = :tenantId order by name")
    List<Setting> settings(@Bind("tenantId") String tenantId);

    String BLOCK_COLUMNS = """
            id, company_prefix, gtin_length, first_item_reference, last_item_reference, next_item_reference, status,
            created_at, retired_at""";

    @SqlQuery("select " + BLOCK_COLUMNS + " from upc_block where tenant_id = :tenantId order by created_at, id")
    List<Block> blocks(@Bind("tenantId") String tenantId);

    @SqlQuery("select " + BLOCK_COLUMNS + " from upc_block where tenant_id = :tenantId and id = :id")
    Optional<Block> block(@Bind("tenantId") String tenantId, @Bind("id") UUID id);
}
