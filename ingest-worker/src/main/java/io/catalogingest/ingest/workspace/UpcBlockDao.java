package io.catalogingest.ingest.workspace;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.upc.UpcBlock;
import io.catalogingest.common.workspace.UpcBlockStatus;

/** UPC blocks and the GS1 prefixes they belong to, inside the caller's transaction. */
@RegisterConstructorMapper(UpcBlockDao.Block.class)
interface UpcBlockDao {

    /** Adding blocks is serialized across the workspaces, so the prefix and overlap checks see every other add. */
    long ADD_LOCK = 0x75706362L;

    /** A block row; {@code nextItemReference} is the first item reference not yet issued. */
    record Block(UUID id, String tenantId, String companyPrefix, int gtinLength, long firstItemReference,
                 long lastItemReference, long nextItemReference, UpcBlockStatus status) {

        UpcBlock rule() {
            return new UpcBlock(companyPrefix, firstItemReference, lastItemReference, gtinLength);
        }

        long free() {
            return lastItemReference + 1 - nextItemReference;
        }

        boolean active() {
            return status == UpcBlockStatus.ACTIVE;
        }
    }

    String COLUMNS = """
            id, tenant_id, company_prefix, gtin_length, first_item_reference, last_item_reference,
            next_item_reference, status""";

    @SqlQuery("select 1 from pg_advisory_xact_lock(" + ADD_LOCK + ")")
    int lockAdding();

    /** Whether another workspace owns this GS1 prefix, a shorter prefix of it, or a longer one inside it. */
    @SqlQuery("""
            select exists (select 1 from gs1_prefix
                           where tenant_id <> :tenantId
                             and (starts_with(:gs1Prefix, gs1_prefix) or starts_with(gs1_prefix, :gs1Prefix)))""")
    boolean prefixOfAnotherWorkspace(@Bind("tenantId") String tenantId, @Bind("gs1Prefix") String gs1Prefix);

    /** The blocks of any workspace that can issue a number of the body range {@code [firstBody, lastBody]}. */
    @SqlQuery("select " + COLUMNS + " from upc_block "
            + "where int8range(first_body, last_body, '[]') && int8range(:firstBody, :lastBody, '[]') order by id")
    List<Block> overlapping(@Bind("firstBody") long firstBody, @Bind("lastBody") long lastBody);

    @SqlQuery("select exists (select 1 from upc_block where id = :id)")
    boolean exists(@Bind("id") UUID id);

    @SqlUpdate("insert into gs1_prefix (gs1_prefix, tenant_id) values (:gs1Prefix, :tenantId) on conflict do nothing")
    void claimPrefix(@Bind("tenantId") String tenantId, @Bind("gs1Prefix") String gs1Prefix);

    @SqlUpdate("""
            insert into upc_block (id, tenant_id, company_prefix, gtin_length, gs1_prefix, first_item_reference,
                last_item_reference, next_item_reference, first_body, last_body, request_id)
            values (:id, :tenantId, :companyPrefix, :gtinLength, :gs1Prefix, :first, :last, :first, :firstBody,
                :lastBody, :requestId)""")
    void insert(@Bind("id") UUID id, @Bind("tenantId") String tenantId, @Bind("companyPrefix") String companyPrefix,
                @Bind("gtinLength") int gtinLength, @Bind("gs1Prefix") String gs1Prefix, @Bind("first") long first,
                @Bind("last") long last, @Bind("firstBody") long firstBody, @Bind("lastBody") long lastBody,
                @Bind("requestId") UUID requestId);

    @SqlQuery("select " + COLUMNS + " from upc_block where tenant_id = :tenantId and id = :id for update")
    Optional<Block> lock(@Bind("tenantId") String tenantId, @Bind("id") UUID id);

    @SqlUpdate("update upc_block set status = 'retired', retired_at = now() where id = :id and status = 'active'")
    void retire(@Bind("id") UUID id);

    /**
     * A workspace's own settings and, when auto-UPC is on (its own value, else {@code autoUpcDefault}), its active
     * blocks, oldest first, locked until the transaction ends: allocations of one workspace take turns, and never wait
     * on another workspace's. One row per block, or one row without a block; every row carries the settings (names
     * and values, null when the workspace set none).
     */
    record SettingsAndBlock(String[] settingNames, String[] settingValues, UUID id, String tenantId,
                            String companyPrefix, Integer gtinLength, Long firstItemReference, Long lastItemReference,
                            Long nextItemReference, UpcBlockStatus status) {

        /** The block of this row, if any. */
        Optional<Block> block() {
            return id == null ? Optional.empty() : Optional.of(new Block(id, tenantId, companyPrefix, gtinLength,
                    firstItemReference, lastItemReference, nextItemReference, status));
        }
    }

    /** The settings read and the blocks locked in one round trip (what {@code UpcAllocator} needs first). */
    @SqlQuery("""
            with own as (
                select name, value from workspace_setting where tenant_id = :tenantId
            ), locked as (
                select id, tenant_id, company_prefix, gtin_length, first_item_reference, last_item_reference,
                       next_item_reference, status, created_at
                from upc_block
                where tenant_id = :tenantId and status = 'active'
                  and lower(coalesce((select value from own where name = :autoUpcName), :autoUpcDefault)) = 'true'
                order by created_at, id
                for update
            )
            select (select array_agg(name) from own) as setting_names,
                   (select array_agg(value) from own) as setting_values,
                   l.id, l.tenant_id, l.company_prefix, l.gtin_length, l.first_item_reference, l.last_item_reference,
                   l.next_item_reference, l.status
            from (select 1) as one left join locked l on true
            order by l.created_at, l.id""")
    @RegisterConstructorMapper(SettingsAndBlock.class)
    List<SettingsAndBlock> settingsAndLockActive(@Bind("tenantId") String tenantId,
                                                 @Bind("autoUpcName") String autoUpcName,
                                                 @Bind("autoUpcDefault") String autoUpcDefault);

    @SqlUpdate("update upc_block set next_item_reference = :next where id = :id")
    void advance(@Bind("id") UUID id, @Bind("next") long next);

    /** Numbers drawn from a workspace's blocks (all of them) and left in its active ones. */
    record Usage(String tenantId, long used, long free) {
    }

    /** The usage of every workspace that has blocks. */
    @SqlQuery("""
            select tenant_id,
                   sum(next_item_reference - first_item_reference) as used,
                   sum(case when status = 'active' then last_item_reference + 1 - next_item_reference else 0 end)
                       as free
            from upc_block group by tenant_id""")
    @RegisterConstructorMapper(Usage.class)
    List<Usage> usage();
}
