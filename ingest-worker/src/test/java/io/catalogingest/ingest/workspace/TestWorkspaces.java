package io.catalogingest.ingest.workspace;

import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

/** Workspaces for the tests of other packages: an allocator with chosen defaults, and blocks written straight in. */
public final class TestWorkspaces {

    private TestWorkspaces() {
    }

    /** An allocator for workspaces that changed no setting: auto-UPC on, and this warning threshold. */
    public static UpcAllocator allocator(long upcLowThreshold) {
        return new UpcAllocator(new WorkspaceDefaults(true, upcLowThreshold));
    }

    /**
     * Gives {@code tenant} the GTIN-13 block of prefix 0614141 with item references {@code first}–{@code last} (blocks
     * of one schema must not overlap).
     */
    public static UUID addBlock(Jdbi jdbi, String tenant, long first, long last) {
        UUID block = UUID.randomUUID();
        jdbi.useTransaction(handle -> {
            UpcBlockDao blocks = handle.attach(UpcBlockDao.class);
            blocks.claimPrefix(tenant, "0614141");
            blocks.insert(block, tenant, "0614141", 13, "0614141", first, last, 6141410000000L + first,
                    6141410000000L + last, null);
        });
        return block;
    }

    /** The first item reference of a block not issued yet. */
    public static long nextItemReference(Jdbi jdbi, UUID block) {
        return jdbi.withHandle(handle -> handle.createQuery(
                "select next_item_reference from upc_block where id = :id").bind("id", block).mapTo(Long.class).one());
    }

    /** A setting of the workspace's own, as a workspace admin's change stores it (normalized text). */
    public static void set(Jdbi jdbi, String tenant, String name, String value) {
        jdbi.useHandle(handle -> handle.attach(SettingDao.class).put(tenant, name, value, null));
    }
}
