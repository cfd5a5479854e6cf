package io.catalogingest.ingest.asset;

import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The asset table, written in the caller's transaction ({@code handle.attach}). */
interface AssetDao {

    /** Whether the asset was inserted (false: its id is taken in the workspace). */
    @SqlUpdate("""
            insert into asset (tenant_id, id, title, display_artist, isrc, duration_seconds, type, request_id)
            values (:tenantId, :id, :title, :displayArtist, :isrc, :duration, :type, :requestId)
            on conflict do nothing""")
    boolean insert(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("title") String title,
                   @Bind("displayArtist") String displayArtist, @Bind("isrc") String isrc,
                   @Bind("duration") Integer duration, @Bind("type") String type,
                   @Bind("requestId") UUID requestId);
}
