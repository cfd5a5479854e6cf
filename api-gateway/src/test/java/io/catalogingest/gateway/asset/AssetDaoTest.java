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
}
