package io.catalogingest.gateway.asset;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.catalogingest.gateway.web.SearchPattern;

/** Reads assets of a tenant ({@link AssetDao}). */
@Component
class AssetReader {

    /** An asset as Royalti returns it (the fields this pipeline keeps); duration in seconds. */
    public record AssetView(String id, String title, String displayArtist, String isrc, Integer duration, String type,
                            boolean isDraft, Instant createdAt, Instant updatedAt) {
    }

    /** {@code GET /asset}: Royalti's {@code {items, total, page, limit}}. */
    record AssetPage(List<AssetView> items, long total, int page, int limit) {
    }

    private final Jdbi jdbi;
    private final AssetDao assets;

    AssetReader(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.assets = jdbi.onDemand(AssetDao.class);
    }

    Optional<AssetView> find(String tenantId, String id) {
        return assets.find(tenantId, id);
    }

    AssetPage list(String tenantId, AssetQuery query) {
        String pattern = SearchPattern.containing(query.search());
        return jdbi.withHandle(handle -> {
            AssetDao dao = handle.attach(AssetDao.class);
            return new AssetPage(dao.page(tenantId, query.type(), pattern, query.orderBy(), query.limit(),
                    query.offset()), dao.count(tenantId, query.type(), pattern), query.page(), query.limit());
        });
    }
}
