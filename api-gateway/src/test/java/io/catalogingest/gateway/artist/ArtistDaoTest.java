package io.catalogingest.gateway.artist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.gateway.CatalogRows;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The gateway's artist read against real Postgres. */
@CatalogInfrastructureTest
class ArtistDaoTest {

    private static CatalogRows rows;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        rows = new CatalogRows(infrastructure);
    }

    @Test
    void anArtistIsReadInItsTenantOnly() {
        String tenant = CatalogRows.tenant();
        rows.artist(tenant, "artist-1", "Name");
        ArtistDao artists = rows.jdbi.onDemand(ArtistDao.class);

        ArtistReader.ArtistView found = artists.find(tenant, "artist-1").orElseThrow();

        assertThat(found.name()).isEqualTo("Name");
        assertThat(found.label()).isEqualTo("Label");
        assertThat(found.createdAt()).isNotNull();
        assertThat(artists.find("another-tenant", "artist-1")).isEmpty();
        assertThat(artists.find(tenant, "artist-2")).isEmpty();
    }
}
