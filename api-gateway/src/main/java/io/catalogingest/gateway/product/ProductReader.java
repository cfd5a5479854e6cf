package io.catalogingest.gateway.product;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads products of a tenant (the gateway never writes catalog state). */
@Component
class ProductReader {

    private final Jdbi jdbi;
    private final JsonMapper json;

    ProductReader(Jdbi jdbi, JsonMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    Optional<ProductView> find(String tenantId, String productId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select id, title, display_artist, upc, catalog_number, external_id, type, format, explicit,
                               release_date, takedown_date, main_genre, sub_genre, status, version, label, copyright,
                               publisher, distribution::text as distribution, contributors::text as contributors,
                               metadata::text as metadata, created_at, updated_at
                        from product where tenant_id = :tenantId and id = :id""")
                .bind("tenantId", tenantId).bind("id", productId)
                .map((rs, ctx) -> view(rs))
                .findOne());
    }

    private ProductView view(ResultSet rs) throws SQLException {
        return new ProductView(rs.getString("id"), rs.getString("title"), rs.getString("display_artist"),
                rs.getString("upc"), rs.getString("catalog_number"), rs.getString("external_id"),
                rs.getString("type"), rs.getString("format"), rs.getBoolean("explicit"),
                rs.getObject("release_date", java.time.LocalDate.class),
                rs.getObject("takedown_date", java.time.LocalDate.class), rs.getString("main_genre"),
                rs.getString("sub_genre"), rs.getString("status"), rs.getString("version"), rs.getString("label"),
                rs.getString("copyright"), rs.getString("publisher"), List.of(), List.of(), List.of(),
                node(rs.getString("distribution")), node(rs.getString("contributors")),
                node(rs.getString("metadata")), false, instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
