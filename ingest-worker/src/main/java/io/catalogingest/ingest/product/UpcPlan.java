package io.catalogingest.ingest.product;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.catalogingest.common.upc.UpcBlock;

/**
 * Which UPC source each tenant uses, read from {@link UpcProperties} and checked once at startup: every block must
 * be a valid GS1 block, and two different blocks of one company prefix must not overlap (each block has its own
 * counter, so overlapping ranges would issue a number twice). Tenants on the same block share its counter.
 */
final class UpcPlan {

    /** Where a tenant's UPCs come from. */
    sealed interface Source permits Placeholder, Block {
    }

    /** Auto-UPC is off: Royalti's {@code TEMP} + first 12 characters of the product id. */
    record Placeholder() implements Source {
    }

    /**
     * A GS1 block and the key of its counter row.
     */
    record Block(String key, UpcBlock block) implements Source {

        static Block of(UpcBlock block) {
            return new Block(block.companyPrefix() + "/" + block.firstItemReference(), block);
        }
    }

    private final Source fallback;
    private final Map<String, Source> tenants;

    private UpcPlan(Source fallback, Map<String, Source> tenants) {
        this.fallback = fallback;
        this.tenants = Map.copyOf(tenants);
    }

    /**
     * @throws IllegalArgumentException naming the bad block or the overlap
     */
    static UpcPlan from(UpcProperties properties) {
        Block defaultBlock = block("catalog.upc.default-block", properties.defaultBlock().companyPrefix(),
                properties.defaultBlock().first(), properties.defaultBlock().last());
        List<Block> blocks = new ArrayList<>(List.of(defaultBlock));
        Map<String, Source> tenants = new HashMap<>();
        properties.tenants().forEach((tenant, settings) -> {
            Block own = settings.companyPrefix() == null ? defaultBlock
                    : block("catalog.upc.tenants." + tenant, settings.companyPrefix(),
                    settings.first() == null ? 0 : settings.first(), settings.last());
            blocks.add(own);
            boolean auto = settings.autoUpc() == null ? properties.autoUpc() : settings.autoUpc();
            tenants.put(tenant, auto ? own : new Placeholder());
        });
        checkNoOverlap(blocks);
        return new UpcPlan(properties.autoUpc() ? defaultBlock : new Placeholder(), tenants);
    }

    Source forTenant(String tenantId) {
        return tenants.getOrDefault(tenantId, fallback);
    }

    private static Block block(String where, String prefix, long first, Long last) {
        try {
            UpcBlock whole = UpcBlock.wholePrefix(prefix);
            return Block.of(new UpcBlock(prefix, first, last == null ? whole.lastItemReference() : last));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static void checkNoOverlap(List<Block> blocks) {
        for (int i = 0; i < blocks.size(); i++) {
            for (int j = i + 1; j < blocks.size(); j++) {
                UpcBlock a = blocks.get(i).block();
                UpcBlock b = blocks.get(j).block();
                if (a.equals(b)) {
                    continue;
                }
                if (overlap(a, b)) {
                    throw new IllegalArgumentException("UPC blocks " + describe(a) + " and " + describe(b)
                            + " overlap: give each tenant its own prefix or disjoint item references");
                }
            }
        }
    }

    /** Whether two blocks can issue a common GTIN (same number space: a prefix and its extensions). */
    private static boolean overlap(UpcBlock a, UpcBlock b) {
        String shorter = a.companyPrefix().length() <= b.companyPrefix().length() ? a.companyPrefix() : b.companyPrefix();
        String longer = shorter.equals(a.companyPrefix()) ? b.companyPrefix() : a.companyPrefix();
        if (!longer.startsWith(shorter)) {
            return false;
        }
        // compare the 11-digit bodies each block covers
        long aFrom = body(a, a.firstItemReference());
        long aTo = body(a, a.lastItemReference());
        long bFrom = body(b, b.firstItemReference());
        long bTo = body(b, b.lastItemReference());
        return aFrom <= bTo && bFrom <= aTo;
    }

    private static long body(UpcBlock block, long itemReference) {
        return Long.parseLong(block.companyPrefix() + String.format("%0" + block.itemReferenceDigits() + "d",
                itemReference));
    }

    private static String describe(UpcBlock block) {
        return block.companyPrefix() + " [" + block.firstItemReference() + ".." + block.lastItemReference() + "]";
    }
}
