package io.catalogingest.gateway.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.gateway.CatalogRows;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's product reads against real Postgres: a product, a page of them, and their links. */
@CatalogInfrastructureTest
class ProductDaoTest {

    private static CatalogRows rows;
    private static ProductDao products;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        rows = new CatalogRows(infrastructure);
        products = rows.jdbi.onDemand(ProductDao.class);
    }

    @Test
    void aProductIsReadWithItsJsonAsText() {
        String tenant = CatalogRows.tenant();
        rows.product(tenant, "p-1", "Title", "012345678905");

        ProductDao.ProductRow found = products.find(tenant, "p-1").orElseThrow();

        assertThat(found.upc()).isEqualTo("012345678905");
        assertThat(found.metadata()).isEqualTo("{\"a\": 1}");
        assertThat(found.distribution()).isNull();
        assertThat(found.explicit()).isFalse();
        assertThat(products.find("another-tenant", "p-1")).isEmpty();
    }

    @Test
    void aPageMatchesThePatternInTheGivenOrder() {
        String tenant = CatalogRows.tenant();
        rows.product(tenant, "p-1", "Blue moon", null);
        rows.product(tenant, "p-2", "Red sun", null);
        rows.product(tenant, "p-3", "Blue sky", null);
        rows.product("another-tenant-" + UUID.randomUUID(), "p-4", "Blue", null);

        assertThat(products.count(tenant, null)).isEqualTo(3);
        assertThat(products.count(tenant, "%blue%")).isEqualTo(2);
        assertThat(products.page(tenant, "%blue%", "title desc", 10, 0)).extracting(ProductDao.ProductRow::id)
                .containsExactly("p-3", "p-1");
        assertThat(products.page(tenant, null, "title asc", 1, 1)).extracting(ProductDao.ProductRow::id)
                .containsExactly("p-3");
        assertThat(products.count(tenant, "%!%%")).as("an escaped %% matches a literal one").isZero();
    }

    @Test
    void aDeletedProductIsNeitherFoundNorListed() {
        String tenant = CatalogRows.tenant();
        rows.product(tenant, "p-kept", "Blue kept", null);
        rows.product(tenant, "p-gone", "Blue gone", null);
        rows.jdbi.useHandle(handle -> handle.createUpdate(
                "update product set deleted_at = now() where tenant_id = :tenant and id = 'p-gone'")
                .bind("tenant", tenant).execute());

        assertThat(products.find(tenant, "p-gone")).isEmpty();
        assertThat(products.count(tenant, null)).isEqualTo(1);
        assertThat(products.count(tenant, "%blue%")).isEqualTo(1);
        assertThat(products.page(tenant, null, "title asc", 10, 0)).extracting(ProductDao.ProductRow::id)
                .containsExactly("p-kept");
    }

    @Test
    void theLinksOfSeveralProductsAreReadAtOnceInOrder() {
        String tenant = CatalogRows.tenant();
        linkedProducts(tenant);
        String[] both = {"p-1", "p-2"};

        assertThat(products.artists(tenant, both)).extracting(ProductDao.ArtistLink::productId,
                ProductDao.ArtistLink::id).containsExactly(
                        tuple("p-1", "a-1"),
                        tuple("p-1", "a-2"),
                        tuple("p-2", "a-1"));
        assertThat(products.assets(tenant, both)).extracting(ProductDao.AssetLink::id).containsExactly("t-1", "t-2");
        assertThat(products.media(tenant, both)).singleElement().satisfies(link -> {
            assertThat(link.productId()).isEqualTo("p-2");
            assertThat(link.objectKey()).isEqualTo("key/" + link.id());
        });
        assertThat(products.artists("another-tenant", both)).isEmpty();
    }

    @Test
    void aWholeProductIsTheProductAndTheLinksOfTheThreeQueriesInOneStatement() {
        String tenant = CatalogRows.tenant();
        linkedProducts(tenant);
        rows.product(tenant, "p-bare", "Bare", null);
        JsonMapper json = JsonMapper.builder().build();

        for (String id : List.of("p-1", "p-2", "p-bare")) {
            ProductDao.WholeRow whole = products.findWhole(tenant, id).orElseThrow();
            String[] one = {id};

            assertThat(whole.product()).isEqualTo(products.find(tenant, id).orElseThrow());
            assertThat(links(json, whole.artists(), new TypeReference<List<ProductDao.ArtistLink>>() { }))
                    .isEqualTo(products.artists(tenant, one));
            assertThat(links(json, whole.assets(), new TypeReference<List<ProductDao.AssetLink>>() { }))
                    .isEqualTo(products.assets(tenant, one));
            assertThat(links(json, whole.media(), new TypeReference<List<ProductDao.MediaLink>>() { }))
                    .isEqualTo(products.media(tenant, one));
        }
        assertThat(products.findWhole(tenant, "p-1").orElseThrow().assets()).isNotNull();
        assertThat(products.findWhole(tenant, "p-2").orElseThrow().media()).isNotNull();
        assertThat(products.findWhole(tenant, "p-bare").orElseThrow().artists()).as("no links: null").isNull();
        assertThat(products.findWhole("another-tenant", "p-1")).isEmpty();
    }

    private static <T> List<T> links(JsonMapper json, String array, TypeReference<List<T>> type) {
        return array == null ? List.of() : json.readValue(array, type);
    }

    /** p-1 with two artists and two tracks (stored out of order), p-2 with one artist and a cover. */
    private static void linkedProducts(String tenant) {
        rows.product(tenant, "p-1", "One", null);
        rows.product(tenant, "p-2", "Two", null);
        rows.artist(tenant, "a-1", "First");
        rows.artist(tenant, "a-2", "Second");
        rows.asset(tenant, "t-1", 100);
        rows.asset(tenant, "t-2", 100);
        UUID release = rows.release(tenant, "Release", "completed");
        UUID cover = rows.media(tenant, release, null, "cover.png", "promoted");
        rows.jdbi.useHandle(handle -> {
            handle.execute("insert into product_artist (tenant_id, product_id, artist_id, type, position) values "
                    + "(?, 'p-1', 'a-2', 'featuring', 1), (?, 'p-1', 'a-1', 'primary', 0), "
                    + "(?, 'p-2', 'a-1', 'primary', 0)", tenant, tenant, tenant);
            handle.execute("insert into product_asset (tenant_id, product_id, asset_id, number) values "
                    + "(?, 'p-1', 't-2', 2), (?, 'p-1', 't-1', 1)", tenant, tenant);
            handle.execute("insert into product_media (tenant_id, product_id, media_id, position) values "
                    + "(?, 'p-2', ?, 1)", tenant, cover);
        });
    }
}
