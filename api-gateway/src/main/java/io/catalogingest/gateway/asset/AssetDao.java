package io.catalogingest.gateway.asset;

import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The asset table, read only (the ingest-worker writes it). */
@RegisterConstructorMapper(AssetReader.AssetView.class)
interface AssetDao {

    @SqlQuery("""
            select id, title, display_artist, isrc, duration_seconds as duration, type, false as is_draft, created_at,
                   updated_at
            from asset where tenant_id = :tenantId and id = :id""")
    Optional<AssetReader.AssetView> find(@Bind("tenantId") String tenantId, @Bind("id") String id);
}
