package io.catalogingest.ingest.workspace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.catalogingest.common.upc.Upc;
import io.catalogingest.common.workspace.UpcBlocksLow;
import io.catalogingest.common.workspace.WorkspaceSetting;

/**
 * Where the UPCs of a workspace's products come from, read from its settings and blocks in Postgres at every call
 * (one statement reads the settings and locks the blocks), so a change made over the API applies to the next product. Numbers are taken from the workspace's active blocks,
 * oldest first, inside the caller's transaction: they are issued only if the products they go to are stored.
 */
@Component
public class UpcAllocator {

    /** Where a workspace admin adds a block; named in every message that tells a client to get one. */
    public static final String ADD_BLOCK = "POST /tenant/upc-blocks";
    private static final Logger log = LoggerFactory.getLogger(UpcAllocator.class);

    private final WorkspaceDefaults defaults;

    UpcAllocator(WorkspaceDefaults defaults) {
        this.defaults = defaults;
    }

    /**
     * What a workspace's products without a UPC get: numbers, or a placeholder and why.
     *
     * @param numbers     in order; fewer than asked when the blocks ran out (the rest must be refused)
     * @param placeholder why the products get Royalti's {@code TEMP} placeholder instead (then no numbers)
     * @param notice      a warning for the products that got numbers, or null
     * @param low         the event to publish when this allocation took the workspace below its threshold
     * @param advances    the blocks' counters after these numbers: written by {@link #allocate}, left to the caller by
     *                    {@link #reserve}
     */
    public record Allocation(List<Upc> numbers, String placeholder, String notice, Optional<UpcBlocksLow> low,
                             List<Advance> advances) {

        public Allocation {
            numbers = List.copyOf(numbers);
            advances = List.copyOf(advances);
        }

        public boolean usesPlaceholder() {
            return placeholder != null;
        }

        /** The refusal of a product for which no number was left. */
        public String exhausted() {
            return "the UPC blocks of this workspace are used up: give a upc, or have a workspace admin add a block "
                    + "with " + ADD_BLOCK + " (GS1 company prefix and item-reference range)";
        }
    }

    /** A block's counter after an allocation: {@code next} is its first item reference not issued yet. */
    public record Advance(UUID blockId, long next) {
    }

    /** Up to {@code count} numbers for products of the workspace; its active blocks stay locked until commit. */
    public Allocation allocate(Handle handle, String tenantId, int count) {
        Allocation allocation = reserve(handle, tenantId, count);
        UpcBlockDao blocks = handle.attach(UpcBlockDao.class);
        allocation.advances().forEach(advance -> blocks.advance(advance.blockId(), advance.next()));
        return allocation;
    }

    /**
     * As {@link #allocate}, but the blocks' counters are left to the caller, who must write its
     * {@link Allocation#advances} in the same transaction (e.g. in the statement that stores the products: one round
     * trip less while the blocks are locked), or roll it back.
     */
    public Allocation reserve(Handle handle, String tenantId, int count) {
        UpcBlockDao blocks = handle.attach(UpcBlockDao.class);
        List<UpcBlockDao.SettingsAndBlock> rows = blocks.settingsAndLockActive(tenantId,
                WorkspaceSetting.AUTO_UPC.settingName(), defaults.valueOf(WorkspaceSetting.AUTO_UPC));
        Map<WorkspaceSetting, String> settings = withDefaults(rows.get(0).settingNames(),
                rows.get(0).settingValues());
        if (!Boolean.parseBoolean(settings.get(WorkspaceSetting.AUTO_UPC))) {
            return new Allocation(List.of(), "auto-UPC is off for this workspace (setting auto-upc), so the product "
                    + "got a TEMP placeholder: give a upc, or have a workspace admin turn it on with "
                    + "PUT /tenant/settings/auto-upc", null, Optional.empty(), List.of());
        }
        List<UpcBlockDao.Block> active = rows.stream().flatMap(row -> row.block().stream()).toList();
        if (active.isEmpty()) {
            return new Allocation(List.of(), "this workspace has no UPC block of its own, so the product got a TEMP "
                    + "placeholder instead of a UPC: give a upc, or have a workspace admin add a block with "
                    + ADD_BLOCK + " (GS1 company prefix and item-reference range)", null, Optional.empty(),
                    List.of());
        }
        long freeBefore = active.stream().mapToLong(UpcBlockDao.Block::free).sum();
        List<Upc> numbers = new ArrayList<>(Math.min(count, (int) Math.min(freeBefore, Integer.MAX_VALUE)));
        List<Advance> advances = new ArrayList<>();
        for (UpcBlockDao.Block block : active) {
            if (numbers.size() == count) {
                break;
            }
            long take = Math.min(block.free(), count - numbers.size());
            if (take == 0) {
                continue;
            }
            for (long reference = block.nextItemReference(); reference < block.nextItemReference() + take;
                 reference++) {
                numbers.add(block.rule().upcFor(reference));
            }
            advances.add(new Advance(block.id(), block.nextItemReference() + take));
        }
        long freeAfter = freeBefore - numbers.size();
        long threshold = Long.parseLong(settings.get(WorkspaceSetting.UPC_LOW_THRESHOLD));
        boolean crossed = freeBefore >= threshold && freeAfter < threshold || freeBefore > 0 && freeAfter == 0;
        if (crossed) {
            log.warn("UPC blocks of tenant {} are low: {} numbers left (threshold {})", tenantId, freeAfter,
                    threshold);
        }
        String notice = freeAfter < threshold ? "only " + freeAfter + " UPCs are left in this workspace's blocks "
                + "(warning threshold " + threshold + ", setting upc-low-threshold): have a workspace admin add a "
                + "block with " + ADD_BLOCK : null;
        return new Allocation(numbers, null, notice,
                crossed ? Optional.of(new UpcBlocksLow(freeAfter, threshold)) : Optional.empty(), advances);
    }

    /**
     * The workspace's settings: the defaults, overridden by its own values (names and values in step; null: none);
     * normalized text.
     */
    private Map<WorkspaceSetting, String> withDefaults(String[] names, String[] values) {
        Map<WorkspaceSetting, String> settings = new EnumMap<>(WorkspaceSetting.class);
        for (WorkspaceSetting setting : WorkspaceSetting.values()) {
            settings.put(setting, defaults.valueOf(setting));
        }
        for (int i = 0; names != null && i < names.length; i++) {
            String value = values[i];
            WorkspaceSetting.byName(names[i]).ifPresent(setting -> settings.put(setting, value));
        }
        return settings;
    }
}
