package io.catalogingest.gateway.product;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.catalogingest.support.storage.PresigningClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads products of a tenant, with their artists, tracks and media (the gateway never writes catalog state). */
@Component
class ProductReader {

    private static final String COLUMNS = """
            id, title, display_artist, upc, upc_notice, catalog_number, external_id, type, format, explicit,
            release_date, takedown_date, main_genre, sub_genre, status, version, label, copyright,
            publisher, distribution::text as distribution, contributors::text as contributors,
            metadata::text as metadata, created_at, updated_at""";

    private final Jdbi jdbi;
    private final JsonMapper json;
    private final PresigningClient presigning;

    ProductReader(Jdbi jdbi, JsonMapper json, PresigningClient presigning) {
        this.jdbi = jdbi;
        this.json = json;
        this.presigning = presigning;
    }

    Optional<ProductView> find(String tenantId, String productId) {
        return jdbi.withHandle(handle -> {
            Optional<ProductView> product = handle.createQuery("select " + COLUMNS
                            + " from product where tenant_id = :tenantId and id = :id")
                    .bind("tenantId", tenantId).bind("id", productId)
                    .map((rs, ctx) -> view(rs))
                    .findOne();
            return product.map(found -> withLinks(handle, tenantId, List.of(found)).get(0));
        });
    }

    /** A page of a tenant's products and the number of products that match. */
    Page list(String tenantId, ProductQuery query) {
        return jdbi.withHandle(handle -> {
            String where = " where tenant_id = :tenantId" + (query.search() == null ? "" : " and ("
                    + "title ilike :pattern escape '!' or display_artist ilike :pattern escape '!'"
                    + " or upc ilike :pattern escape '!' or catalog_number ilike :pattern escape '!')");
            String pattern = query.search() == null ? null : "%" + ProductQuery.escapeLike(query.search()) + "%";
            var count = handle.createQuery("select count(*) from product" + where).bind("tenantId", tenantId);
            var page = handle.createQuery("select " + COLUMNS + " from product" + where
                            + " order by " + query.orderBy() + " limit :limit offset :offset")
                    .bind("tenantId", tenantId)
                    .bind("limit", query.size()).bind("offset", (long) (query.page() - 1) * query.size());
            if (pattern != null) {
                count.bind("pattern", pattern);
                page.bind("pattern", pattern);
            }
            long total = count.mapTo(Long.class).one();
            List<ProductView> products = page.map((rs, ctx) -> view(rs)).list();
            return new Page(withLinks(handle, tenantId, products), total);
        });
    }

    /** One page of products and how many match in all. */
    record Page(List<ProductView> products, long total) {
    }

    private List<ProductView> withLinks(Handle handle, String tenantId, List<ProductView> products) {
        if (products.isEmpty()) {
            return products;
        }
        List<String> ids = products.stream().map(ProductView::id).toList();
        Map<String, List<ProductView.Artist>> artists = new HashMap<>();
        handle.createQuery("""
                        select pa.product_id, a.id, a.name, pa.type
                        from product_artist pa join artist a on a.tenant_id = pa.tenant_id and a.id = pa.artist_id
                        where pa.tenant_id = :tenantId and pa.product_id = any(:ids)
                        order by pa.product_id, pa.position""")
                .bind("tenantId", tenantId).bindArray("ids", String.class, ids)
                .map((rs, ctx) -> Map.entry(rs.getString("product_id"),
                        new ProductView.Artist(rs.getString("id"), rs.getString("name"), rs.getString("type"))))
                .forEach(entry -> artists.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
        Map<String, List<ProductView.Asset>> assets = new HashMap<>();
        handle.createQuery("""
                        select pa.product_id, a.id, a.title, a.isrc, pa.number
                        from product_asset pa join asset a on a.tenant_id = pa.tenant_id and a.id = pa.asset_id
                        where pa.tenant_id = :tenantId and pa.product_id = any(:ids)
                        order by pa.product_id, pa.number""")
                .bind("tenantId", tenantId).bindArray("ids", String.class, ids)
                .map((rs, ctx) -> Map.entry(rs.getString("product_id"), new ProductView.Asset(rs.getString("id"),
                        rs.getString("title"), rs.getString("isrc"), rs.getInt("number"))))
                .forEach(entry -> assets.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
        Map<String, List<ProductView.Media>> media = new HashMap<>();
        handle.createQuery("""
                        select pm.product_id, m.id, m.bucket, m.object_key, m.type, m.mime_type
                        from product_media pm join media m on m.id = pm.media_id and m.tenant_id = pm.tenant_id
                        where pm.tenant_id = :tenantId and pm.product_id = any(:ids)
                        order by pm.product_id, pm.position""")
                .bind("tenantId", tenantId).bindArray("ids", String.class, ids)
                .map((rs, ctx) -> Map.entry(rs.getString("product_id"), new ProductView.Media(rs.getString("id"),
                        presigning.getUrl(rs.getString("bucket"), rs.getString("object_key")), rs.getString("type"),
                        rs.getString("mime_type"))))
                .forEach(entry -> media.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
        return products.stream().map(product -> product.withLinks(artists.getOrDefault(product.id(), List.of()),
                assets.getOrDefault(product.id(), List.of()), media.getOrDefault(product.id(), List.of()))).toList();
    }

    private ProductView view(ResultSet rs) throws SQLException {
        return new ProductView(rs.getString("id"), rs.getString("title"), rs.getString("display_artist"),
                rs.getString("upc"), rs.getString("upc_notice"), rs.getString("catalog_number"),
                rs.getString("external_id"),
                rs.getString("type"), rs.getString("format"), rs.getBoolean("explicit"),
                rs.getObject("release_date", LocalDate.class),
                rs.getObject("takedown_date", LocalDate.class), rs.getString("main_genre"),
                rs.getString("sub_genre"), rs.getString("status"), rs.getString("version"), rs.getString("label"),
                rs.getString("copyright"), rs.getString("publisher"), List.of(), List.of(), List.of(),
                node(rs.getString("distribution")), node(rs.getString("contributors")),
                node(rs.getString("metadata")), false, instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
