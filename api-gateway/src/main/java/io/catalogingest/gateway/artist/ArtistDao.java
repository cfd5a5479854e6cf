package io.catalogingest.gateway.artist;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The artist table, read only (the ingest-worker writes it). */
@RegisterConstructorMapper(ArtistReader.ArtistView.class)
interface ArtistDao {

    String COLUMNS = "select id, name, label, copyright, publisher, created_at, updated_at from artist";
    /** The tenant's artists whose name or id contains the search ({@code pattern}: ILIKE, escape !; null: all). */
    String MATCHING = """
             where tenant_id = :tenantId
               and (cast(:pattern as text) is null
                    or name ilike :pattern escape '!' or id ilike :pattern escape '!')""";

    @SqlQuery(COLUMNS + " where tenant_id = :tenantId and id = :id")
    Optional<ArtistReader.ArtistView> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

    @SqlQuery("select count(*) from artist " + MATCHING)
    long count(@Bind("tenantId") String tenantId, @Bind("pattern") String pattern);

    /** A page of the matching artists; {@code orderBy} is one of {@link ArtistQuery#orderBy}'s clauses. */
    @SqlQuery(COLUMNS + " " + MATCHING + " order by <orderBy> limit :limit offset :offset")
    List<ArtistReader.ArtistView> page(@Bind("tenantId") String tenantId, @Bind("pattern") String pattern,
                                       @Define("orderBy") String orderBy, @Bind("limit") int limit,
                                       @Bind("offset") long offset);
}
