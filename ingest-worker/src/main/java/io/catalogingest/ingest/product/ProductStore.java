package io.catalogingest.ingest.product;

import java.util.Optional;

import org.jdbi.v3.core.Handle;

import io.catalogingest.common.catalog.CreateProduct;

/** Product rows, written inside the caller's transaction. */
final class ProductStore {

    private ProductStore() {
    }

    /** Inserts the product; empty when its id or UPC is taken in the tenant. */
    static Optional<String> insert(Handle handle, String tenantId, java.util.UUID requestId, CreateProduct product,
                                   String upc, String format, String json) {
        return handle.createQuery("""
                        insert into product (tenant_id, id, title, upc, catalog_number, external_id, display_artist,
                            type, version, explicit, release_date, takedown_date, main_genre, sub_genre, status,
                            format, label, copyright, publisher, contributors, distribution, metadata, request_id)
                        select :tenantId, :id, :title, :upc, :catalogNumber, :externalId, :displayArtist, :type,
                            :version, :explicit, :releaseDate, :takedownDate, :mainGenre, :subGenre, :status, :format,
                            :label, :copyright, :publisher, cast(j.doc -> 'contributors' as jsonb),
                            cast(j.doc -> 'distribution' as jsonb), cast(j.doc -> 'metadata' as jsonb), :requestId
                        from (select cast(:json as jsonb) as doc) j
                        on conflict do nothing
                        returning id""")
                .bind("tenantId", tenantId)
                .bind("id", product.productId())
                .bind("title", product.title())
                .bind("upc", upc)
                .bind("catalogNumber", product.catalogNumber())
                .bind("externalId", product.externalId())
                .bind("displayArtist", product.displayArtist())
                .bind("type", product.type() == null ? "Audio" : product.type())
                .bind("version", product.version())
                .bind("explicit", Boolean.TRUE.equals(product.explicit()))
                .bind("releaseDate", product.releaseDate())
                .bind("takedownDate", product.takedownDate())
                .bind("mainGenre", product.mainGenre())
                .bind("subGenre", product.subGenre())
                .bind("status", product.status() == null ? "active" : product.status())
                .bind("format", format)
                .bind("label", product.label())
                .bind("copyright", product.copyright())
                .bind("publisher", product.publisher())
                .bind("json", json)
                .bind("requestId", requestId)
                .mapTo(String.class)
                .findOne();
    }

    static boolean idTaken(Handle handle, String tenantId, String productId) {
        return handle.createQuery("select exists (select 1 from product where tenant_id = :tenantId and id = :id)")
                .bind("tenantId", tenantId).bind("id", productId).mapTo(Boolean.class).one();
    }
}
