package io.catalogingest.gateway.artist;

import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The artist table, read only (the ingest-worker writes it). */
@RegisterConstructorMapper(ArtistReader.ArtistView.class)
interface ArtistDao {

    @SqlQuery("""
            select id, name, label, copyright, publisher, created_at, updated_at
            from artist where tenant_id = :tenantId and id = :id""")
    Optional<ArtistReader.ArtistView> find(@Bind("tenantId") String tenantId, @Bind("id") String id);
}
