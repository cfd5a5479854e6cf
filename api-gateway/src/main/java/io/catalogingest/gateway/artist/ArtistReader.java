package io.catalogingest.gateway.artist;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** Reads artists of a tenant. */
@Component
class ArtistReader {

    /** An artist and the defaults it gives the products it is primary on. */
    record ArtistView(String id, String name, String label, String copyright, String publisher, Instant createdAt,
                      Instant updatedAt) {
    }

    private final Jdbi jdbi;

    ArtistReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<ArtistView> find(String tenantId, String id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select id, name, label, copyright, publisher, created_at, updated_at
                        from artist where tenant_id = :tenantId and id = :id""")
                .bind("tenantId", tenantId).bind("id", id)
                .map((rs, ctx) -> new ArtistView(rs.getString("id"), rs.getString("name"), rs.getString("label"),
                        rs.getString("copyright"), rs.getString("publisher"),
                        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()))
                .findOne());
    }
}
