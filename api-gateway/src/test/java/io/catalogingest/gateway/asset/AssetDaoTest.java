package io.catalogingest.gateway.asset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.gateway.CatalogRows;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The gateway's asset read against real Postgres. */
@CatalogInfrastructureTest
class AssetDaoTest {

    private static CatalogRows rows;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        rows = new CatalogRows(infrastructure);
    }

    @Test
    void anAssetIsReadInItsTenantOnlyWithItsDurationIfKnown() {
        String tenant = CatalogRows.tenant();
        rows.asset(tenant, "asset-1", 181);
        rows.asset(tenant, "asset-2", null);
        AssetDao assets = rows.jdbi.onDemand(AssetDao.class);

        AssetReader.AssetView found = assets.find(tenant, "asset-1").orElseThrow();

        assertThat(found.duration()).isEqualTo(181);
        assertThat(found.isrc()).isEqualTo("USRC17607839");
        assertThat(found.isDraft()).isFalse();
        assertThat(assets.find(tenant, "asset-2").orElseThrow().duration()).isNull();
        assertThat(assets.find("another-tenant", "asset-1")).isEmpty();
    }

    @Test
    void aPageMatchesTheSearchAndTypeInTheGivenOrderInItsTenantOnly() {
        String tenant = CatalogRows.tenant();
        rows.asset(tenant, "x-1", 10);
        rows.asset(tenant, "x-2", 20);
        rows.asset(tenant, "y-3", 30);
        rows.asset("another-" + tenant, "x-4", 40);
        AssetDao assets = rows.jdbi.onDemand(AssetDao.class);

        assertThat(assets.count(tenant, null, null)).isEqualTo(3);
        assertThat(assets.count(tenant, "Audio", "%x-%")).isEqualTo(2);
        assertThat(assets.count(tenant, "Video", null)).isZero();
        assertThat(assets.count(tenant, null, "%usrc176%")).as("the ISRC matches").isEqualTo(3);
        assertThat(assets.page(tenant, null, "%x-%", "title desc nulls last, id desc", 10, 0))
                .extracting(AssetReader.AssetView::id).containsExactly("x-2", "x-1");
        assertThat(assets.page(tenant, null, null, "title asc nulls last, id asc", 1, 2))
                .extracting(AssetReader.AssetView::id).containsExactly("y-3");
    }
}
