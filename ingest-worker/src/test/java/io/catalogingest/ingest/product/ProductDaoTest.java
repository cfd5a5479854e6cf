package io.catalogingest.ingest.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The product statements against real Postgres: one statement for many products, conflicts left out. */
@CatalogInfrastructureTest
class ProductDaoTest {

    private static Jdbi jdbi;
    private static ProductDao products;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
        products = jdbi.onDemand(ProductDao.class);
    }

    @Test
    void manyProductsGoInAtOnceAndATakenIdOrUpcIsLeftOut() {
        String tenant = tenant();
        artist(tenant, "artist-1");
        asset(tenant, "asset-1", 200);
        ProductDao.Row first = row(tenant, "p-1", "012345678905", List.of(new ArtistRef("artist-1", null)),
                List.of(new AssetRef("asset-1", 1)));
        ProductDao.Row sameUpc = row(tenant, "p-2", "012345678905", List.of(), List.of());
        ProductDao.Row other = row(tenant, "p-3", "TEMP-p-3", List.of(), List.of());

        Set<UUID> inserted = jdbi.inTransaction(handle -> {
            ProductDao dao = handle.attach(ProductDao.class);
            Set<UUID> done = dao.insertAll(List.of(first, sameUpc, other));
            dao.insertLinks(List.of(first, other));
            return done;
        });
        Set<UUID> again = products.insertAll(List.of(row(tenant, "p-1", "TEMP-x", List.of(), List.of())));

        assertThat(inserted).containsExactlyInAnyOrder(first.messageId(), other.messageId());
        assertThat(again).as("the id is taken in the tenant").isEmpty();
        assertThat(products.idTaken(tenant, "p-1")).isTrue();
        assertThat(products.idTaken(tenant, "p-2")).isFalse();
        assertThat(products.idTaken("another-tenant", "p-1")).isFalse();
        Map<String, Object> stored = jdbi.withHandle(handle -> handle.createQuery("""
                        select p.type, p.status, p.explicit, p.release_date::text as release_date, pa.type as credit,
                               t.asset_id
                        from product p join product_artist pa on pa.tenant_id = p.tenant_id and pa.product_id = p.id
                        join product_asset t on t.tenant_id = p.tenant_id and t.product_id = p.id
                        where p.tenant_id = :tenant and p.id = 'p-1'""").bind("tenant", tenant).mapToMap().one());
        assertThat(stored).containsEntry("type", "Audio").containsEntry("status", "active")
                .containsEntry("explicit", false).containsEntry("release_date", "2026-03-04")
                .containsEntry("credit", "primary").containsEntry("asset_id", "asset-1");
    }

    @Test
    void artistsAndAssetsAreFoundByTenantAndId() {
        String tenant = tenant();
        artist(tenant, "artist-1");
        asset(tenant, "asset-1", null);

        Map<ProductDao.Key, ProductDao.Artist> artists = products.artists(Set.of(new ProductDao.Key(tenant, "artist-1"),
                new ProductDao.Key(tenant, "artist-2"), new ProductDao.Key("another-tenant", "artist-1")));
        Map<ProductDao.Key, ProductDao.Asset> assets = products.assets(Set.of(new ProductDao.Key(tenant, "asset-1")));

        assertThat(artists).containsOnlyKeys(new ProductDao.Key(tenant, "artist-1"));
        assertThat(artists.get(new ProductDao.Key(tenant, "artist-1")).label()).isEqualTo("Label");
        assertThat(assets.get(new ProductDao.Key(tenant, "asset-1")).durationSeconds()).isNull();
        assertThat(products.artists(Set.of())).isEmpty();
    }

    @Test
    void tracksAreReplacedAndTheFormatUpdatedUnderTheRowLock() {
        String tenant = tenant();
        asset(tenant, "asset-1", 100);
        asset(tenant, "asset-2", 100);
        ProductDao.Row product = row(tenant, "p-1", "TEMP-p-1", List.of(), List.of(new AssetRef("asset-1", 1)));
        jdbi.useTransaction(handle -> {
            ProductDao dao = handle.attach(ProductDao.class);
            dao.insertAll(List.of(product));
            dao.insertLinks(List.of(product));
        });

        jdbi.useTransaction(handle -> {
            ProductDao dao = handle.attach(ProductDao.class);
            assertThat(dao.lock(tenant, "p-1")).contains("p-1");
            dao.replaceTracks(tenant, "p-1", List.of(new AssetRef("asset-2", 1), new AssetRef("asset-1", 2)));
            dao.updateFormat(tenant, "p-1", "EP");
        });

        assertThat(products.lock(tenant, "p-unknown")).isEmpty();
        List<String> tracks = jdbi.withHandle(handle -> handle.createQuery("""
                        select asset_id from product_asset where tenant_id = :tenant and product_id = 'p-1'
                        order by number""").bind("tenant", tenant).mapTo(String.class).list());
        assertThat(tracks).containsExactly("asset-2", "asset-1");
        String format = jdbi.withHandle(handle -> handle.createQuery(
                        "select format from product where tenant_id = :tenant and id = 'p-1'")
                .bind("tenant", tenant).mapTo(String.class).one());
        assertThat(format).isEqualTo("EP");
    }

    private static ProductDao.Row row(String tenant, String id, String upc, List<ArtistRef> artists,
                                      List<AssetRef> assets) {
        CreateProduct product = new CreateProduct(id, "Title " + id, upc, null, null, "Artist", null, null, null,
                LocalDate.of(2026, 3, 4), null, null, null, null, null, null, null, artists, assets, null, null, null);
        return new ProductDao.Row(UUID.randomUUID(), UUID.randomUUID(), tenant, product, upc,
                upc.startsWith("TEMP") ? null : upc, "Single", "Label", null, null, null);
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static void artist(String tenant, String id) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into artist (tenant_id, id, name, label) values (:tenant, :id, 'Name', 'Label')""")
                .bind("tenant", tenant).bind("id", id).execute());
    }

    private static void asset(String tenant, String id, Integer seconds) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into asset (tenant_id, id, title, duration_seconds, type)
                        values (:tenant, :id, 'Title', :seconds, 'Audio')""")
                .bind("tenant", tenant).bind("id", id).bind("seconds", seconds).execute());
    }
}
