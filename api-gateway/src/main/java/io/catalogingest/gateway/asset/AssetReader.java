package io.catalogingest.gateway.asset;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** Reads assets of a tenant. */
@Component
class AssetReader {

    /** An asset as Royalti returns it (the fields this pipeline keeps); duration in seconds. */
    record AssetView(String id, String title, String displayArtist, String isrc, Integer duration, String type,
                     boolean isDraft, Instant createdAt, Instant updatedAt) {
    }

    private final Jdbi jdbi;

    AssetReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<AssetView> find(String tenantId, String id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select id, title, display_artist, isrc, duration_seconds, type, created_at, updated_at
                        from asset where tenant_id = :tenantId and id = :id""")
                .bind("tenantId", tenantId).bind("id", id)
                .map((rs, ctx) -> new AssetView(rs.getString("id"), rs.getString("title"),
                        rs.getString("display_artist"), rs.getString("isrc"), (Integer) rs.getObject("duration_seconds"),
                        rs.getString("type"), false, rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .findOne());
    }
}
