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

    @Test
    void aPageMatchesNameOrIdInTheGivenOrderInItsTenantOnly() {
        String tenant = CatalogRows.tenant();
        rows.artist(tenant, "a-1", "Blue Moon");
        rows.artist(tenant, "a-2", "Red Sun");
        rows.artist(tenant, "blue-3", "Green");
        rows.artist("another-" + tenant, "a-4", "Blue");
        ArtistDao artists = rows.jdbi.onDemand(ArtistDao.class);

        assertThat(artists.count(tenant, null)).isEqualTo(3);
        assertThat(artists.count(tenant, "%blue%")).isEqualTo(2);
        assertThat(artists.page(tenant, "%blue%", "name asc, id asc", 10, 0))
                .extracting(ArtistReader.ArtistView::id).containsExactly("a-1", "blue-3");
        assertThat(artists.page(tenant, null, "name desc, id desc", 1, 1)).as("Red Sun, Green, Blue Moon")
                .extracting(ArtistReader.ArtistView::id).containsExactly("blue-3");
        assertThat(artists.count(tenant, "%!_%")).as("an escaped _ matches a literal one").isZero();
    }
}
