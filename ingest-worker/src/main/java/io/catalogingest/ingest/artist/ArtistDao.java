package io.catalogingest.ingest.artist;

import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The artist table, written in the caller's transaction ({@code handle.attach}). */
interface ArtistDao {

    /** Whether the artist was inserted (false: its id is taken in the workspace). */
    @SqlUpdate("""
            insert into artist (tenant_id, id, name, label, copyright, publisher, request_id)
            values (:tenantId, :id, :name, :label, :copyright, :publisher, :requestId)
            on conflict do nothing""")
    boolean insert(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("name") String name,
                   @Bind("label") String label, @Bind("copyright") String copyright,
                   @Bind("publisher") String publisher, @Bind("requestId") UUID requestId);
}
