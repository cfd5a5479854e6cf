package io.catalogingest.ingest.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class UpcPlanTest {

    private static final UpcProperties.Block DEFAULT_BLOCK = new UpcProperties.Block("0614141", 0, null);

    @Test
    void tenantsNotListedShareTheDefaultBlock() {
        UpcPlan plan = UpcPlan.from(new UpcProperties(true, DEFAULT_BLOCK, Map.of()));

        UpcPlan.Source a = plan.forTenant("a");
        assertThat(a).isEqualTo(plan.forTenant("b"));
        assertThat(a).isInstanceOfSatisfying(UpcPlan.Block.class, block -> {
            assertThat(block.key()).isEqualTo("0614141/0");
            assertThat(block.block().lastItemReference()).isEqualTo(9999);
        });
    }

    @Test
    void aListedTenantHasItsOwnBlockOrThePlaceholder() {
        UpcPlan plan = UpcPlan.from(new UpcProperties(true, DEFAULT_BLOCK, Map.of(
                "label-one", new UpcProperties.Tenant("0812345", 10L, 20L, null),
                "no-barcodes", new UpcProperties.Tenant(null, null, null, false))));

        assertThat(plan.forTenant("label-one")).isInstanceOfSatisfying(UpcPlan.Block.class, block -> {
            assertThat(block.key()).isEqualTo("0812345/10");
            assertThat(block.block().capacity()).isEqualTo(11);
        });
        assertThat(plan.forTenant("no-barcodes")).isInstanceOf(UpcPlan.Placeholder.class);
        assertThat(plan.forTenant("anyone")).isInstanceOf(UpcPlan.Block.class);
    }

    @Test
    void autoUpcOffByDefaultGivesPlaceholdersUnlessATenantTurnsItOn() {
        UpcPlan plan = UpcPlan.from(new UpcProperties(false, DEFAULT_BLOCK, Map.of(
                "opted-in", new UpcProperties.Tenant(null, null, null, true))));

        assertThat(plan.forTenant("anyone")).isInstanceOf(UpcPlan.Placeholder.class);
        assertThat(plan.forTenant("opted-in")).isInstanceOf(UpcPlan.Block.class);
    }

    @Test
    void overlappingBlocksAreRefusedAtStartup() {
        assertThatThrownBy(() -> UpcPlan.from(new UpcProperties(true, DEFAULT_BLOCK, Map.of(
                "other", new UpcProperties.Tenant("0614141", 500L, null, null)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
        // a longer prefix inside the default block's number space overlaps too
        assertThatThrownBy(() -> UpcPlan.from(new UpcProperties(true, DEFAULT_BLOCK, Map.of(
                "other", new UpcProperties.Tenant("06141410", null, null, null)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlap");
    }

    @Test
    void disjointRangesOfOnePrefixAreFine() {
        UpcPlan plan = UpcPlan.from(new UpcProperties(true, new UpcProperties.Block("0614141", 0, 4999L), Map.of(
                "other", new UpcProperties.Tenant("0614141", 5000L, null, null))));

        assertThat(((UpcPlan.Block) plan.forTenant("other")).key()).isEqualTo("0614141/5000");
    }

    @Test
    void aBadBlockNamesItsSetting() {
        assertThatThrownBy(() -> UpcPlan.from(new UpcProperties(true, DEFAULT_BLOCK, Map.of(
                "broken", new UpcProperties.Tenant("12AB", null, null, null)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catalog.upc.tenants.broken");
    }
}
