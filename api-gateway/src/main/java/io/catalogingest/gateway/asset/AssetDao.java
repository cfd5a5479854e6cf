package io.catalogingest.gateway.asset;

import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The asset table, read only (the ingest-worker writes it). */
@RegisterConstructorMapper(AssetReader.AssetView.class)
interface AssetDao {

    String COLUMNS = """
            select id, title, display_artist, isrc, duration_seconds as duration, type, false as is_draft, created_at,
                   updated_at
            from asset""";
    /**
     * The tenant's assets of a type (null: any) whose title, display artist, ISRC or id contains the search
     * ({@code pattern}: ILIKE, escape {@code !}; null: all).
     */
    String MATCHING = """
             where tenant_id = :tenantId
               and (cast(:type as text) is null or type = :type)
               and (cast(:pattern as text) is null or title ilike :pattern escape '!'
                    or display_artist ilike :pattern escape '!' or isrc ilike :pattern escape '!'
                    or id ilike :pattern escape '!')""";

    @SqlQuery(COLUMNS + " where tenant_id = :tenantId and id = :id")
    Optional<AssetReader.AssetView> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

    @SqlQuery("select count(*) from asset " + MATCHING)
    long count(@Bind("tenantId") String tenantId, @Bind("type") String type, @Bind("pattern") String pattern);

    /** A page of the matching assets; {@code orderBy} is one of {@link AssetQuery#orderBy}'s clauses. */
    @SqlQuery(COLUMNS + " " + MATCHING + " order by <orderBy> limit :limit offset :offset")
    List<AssetReader.AssetView> page(@Bind("tenantId") String tenantId, @Bind("type") String type,
                                     @Bind("pattern") String pattern, @Define("orderBy") String orderBy,
                                     @Bind("limit") int limit, @Bind("offset") long offset);
}
