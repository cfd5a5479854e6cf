package io.catalogingest.ingest.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.json.JsonMapper;

/** The statements of product updates and soft deletes against real Postgres. */
@CatalogInfrastructureTest
class ProductEditDaoTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Jdbi jdbi;
    private static ProductEditDao edits;
    private static ProductDao products;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
        edits = jdbi.onDemand(ProductEditDao.class);
        products = jdbi.onDemand(ProductDao.class);
    }

    @Test
    void anUpdateChangesOnlyTheColumnsGivenAndMergesTheMetadata() {
        String tenant = tenant();
        insert(tenant, "p-1", "TEMP-p-1", null);
        artist(tenant, "a-1");
        artist(tenant, "a-2");

        jdbi.useTransaction(handle -> {
            ProductEditDao dao = handle.attach(ProductEditDao.class);
            assertThat(dao.lock(tenant, "p-1")).hasValueSatisfying(current -> {
                assertThat(current.upcKey()).as("a placeholder has no key").isNull();
                assertThat(current.releaseDate()).isEqualTo(LocalDate.of(2026, 3, 4));
            });
            dao.update(new ProductEditDao.Changes(tenant, "p-1", "New title", "036000291452", "00036000291452", null,
                    null, null, null, null, true, null, LocalDate.of(2027, 1, 1), null, null, "inactive", null, null,
                    null, null, null, "{\"b\": 2, \"a\": null}"));
            dao.replaceArtists(tenant, "p-1", List.of(new ArtistRef("a-2", "featuring"), new ArtistRef("a-1", null)));
        });

        Map<String, Object> stored = jdbi.withHandle(handle -> handle.createQuery("""
                select title, upc, upc_key, upc_notice, version, explicit, status, takedown_date::text as takedown,
                       release_date::text as release, metadata::text as metadata
                from product where tenant_id = :tenant and id = 'p-1'""").bind("tenant", tenant).mapToMap().one());
        assertThat(stored).containsEntry("title", "New title").containsEntry("upc", "036000291452")
                .containsEntry("upc_key", "00036000291452").containsEntry("upc_notice", null)
                .containsEntry("version", "v1").containsEntry("explicit", true).containsEntry("status", "inactive")
                .containsEntry("takedown", "2027-01-01").containsEntry("release", "2026-03-04")
                .containsEntry("metadata", "{\"a\": null, \"b\": 2, \"keep\": 1}");
        List<String> credits = jdbi.withHandle(handle -> handle.createQuery("""
                select artist_id || ':' || type || ':' || position from product_artist
                where tenant_id = :tenant and product_id = 'p-1' order by position""")
                .bind("tenant", tenant).mapTo(String.class).list());
        assertThat(credits).containsExactly("a-2:featuring:0", "a-1:primary:1");
        assertThat(edits.upcTaken("00036000291452")).isTrue();
        assertThat(edits.lock("another-tenant", "p-1")).isEmpty();
    }

    @Test
    void aSoftDeletedProductIsNotLockedAgainButKeepsItsUpcSpent() {
        String tenant = tenant();
        insert(tenant, "p-del", "012345678905", "00012345678905");

        assertThat(products.softDelete("another-tenant", "p-del")).isFalse();
        assertThat(products.softDelete(tenant, "p-del")).isTrue();
        assertThat(products.softDelete(tenant, "p-del")).as("deleted once").isFalse();

        assertThat(edits.lock(tenant, "p-del")).isEmpty();
        assertThat(products.lock(tenant, "p-del")).isEmpty();
        assertThat(edits.upcTaken("00012345678905")).as("the number stays spent").isTrue();
        assertThat(products.idTaken(tenant, "p-del")).as("and so does the id").isTrue();
    }

    private static void insert(String tenant, String id, String upc, String upcKey) {
        CreateProduct product = new CreateProduct(id, "Title " + id, upc, null, null, "Artist", null, "v1", null,
                LocalDate.of(2026, 3, 4), null, null, null, null, null, null, null, List.of(), List.of(), null, null,
                JSON.readTree("{\"keep\": 1, \"b\": 1}"));
        products.insertAll(List.of(new ProductDao.Row(UUID.randomUUID(), UUID.randomUUID(), tenant, product, upc,
                upcKey, null, null, null, null, null)));
        if (upcKey == null) {
            jdbi.useHandle(handle -> handle.createUpdate(
                    "update product set upc_notice = 'placeholder' where tenant_id = :tenant and id = :id")
                    .bind("tenant", tenant).bind("id", id).execute());
        }
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static void artist(String tenant, String id) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "insert into artist (tenant_id, id, name) values (:tenant, :id, 'Name')")
                .bind("tenant", tenant).bind("id", id).execute());
    }
}
