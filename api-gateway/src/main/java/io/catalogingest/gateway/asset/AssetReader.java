package io.catalogingest.gateway.asset;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/** Reads assets of a tenant ({@link AssetDao}). */
@Component
class AssetReader {

    /** An asset as Royalti returns it (the fields this pipeline keeps); duration in seconds. */
    public record AssetView(String id, String title, String displayArtist, String isrc, Integer duration, String type,
                            boolean isDraft, Instant createdAt, Instant updatedAt) {
    }

    private final AssetDao assets;

    AssetReader(Jdbi jdbi) {
        this.assets = jdbi.onDemand(AssetDao.class);
    }

    Optional<AssetView> find(String tenantId, String id) {
        return assets.find(tenantId, id);
    }
}
