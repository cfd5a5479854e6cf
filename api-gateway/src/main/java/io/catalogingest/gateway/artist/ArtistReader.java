package io.catalogingest.gateway.artist;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** Reads artists of a tenant ({@link ArtistDao}). */
@Component
class ArtistReader {

    /** An artist and the defaults it gives the products it is primary on. */
    public record ArtistView(String id, String name, String label, String copyright, String publisher,
                             Instant createdAt, Instant updatedAt) {
    }

    private final ArtistDao artists;

    ArtistReader(Jdbi jdbi) {
        this.artists = jdbi.onDemand(ArtistDao.class);
    }

    Optional<ArtistView> find(String tenantId, String id) {
        return artists.find(tenantId, id);
    }
}
