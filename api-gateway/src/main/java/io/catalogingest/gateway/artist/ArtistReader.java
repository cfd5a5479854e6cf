package io.catalogingest.gateway.artist;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.catalogingest.gateway.web.SearchPattern;

/** Reads artists of a tenant ({@link ArtistDao}). */
@Component
class ArtistReader {

    /** An artist and the defaults it gives the products it is primary on. */
    public record ArtistView(String id, String name, String label, String copyright, String publisher,
                             Instant createdAt, Instant updatedAt) {
    }

    /** {@code GET /artist}: one page of the workspace's artists and how many match in all. */
    record ArtistPage(List<ArtistView> items, long total, int page, int size) {
    }

    private final Jdbi jdbi;
    private final ArtistDao artists;

    ArtistReader(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.artists = jdbi.onDemand(ArtistDao.class);
    }

    Optional<ArtistView> find(String tenantId, String id) {
        return artists.find(tenantId, id);
    }

    ArtistPage list(String tenantId, ArtistQuery query) {
        String pattern = SearchPattern.containing(query.search());
        return jdbi.withHandle(handle -> {
            ArtistDao dao = handle.attach(ArtistDao.class);
            return new ArtistPage(dao.page(tenantId, pattern, query.orderBy(), query.size(), query.offset()),
                    dao.count(tenantId, pattern), query.page(), query.size());
        });
    }
}
