package io.catalogingest.ingest.product;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.catalog.ArtistRef;

/** The changes {@code PUT /product/{id}} makes to a product, in the caller's transaction ({@code handle.attach}). */
@RegisterConstructorMapper(ProductEditDao.Current.class)
interface ProductEditDao {

    /** What an update is checked against: the product's UPC ({@code upcKey} null: a TEMP placeholder) and dates. */
    record Current(String upc, String upcKey, String format, LocalDate releaseDate, LocalDate takedownDate) {
    }

    /**
     * The columns to change; null keeps the column. {@code metadata} (JSON text) is merged into the stored metadata
     * key by key; a new {@code upc} clears the note about the placeholder it replaces.
     */
    record Changes(String tenantId, String id, String title, String upc, String upcKey, String catalogNumber,
                   String externalId, String displayArtist, String type, String version, Boolean explicit,
                   LocalDate releaseDate, LocalDate takedownDate, String mainGenre, String subGenre, String status,
                   String label, String copyright, String publisher, String contributors, String distribution,
                   String metadata) {
    }

    /** Locks a product that is not deleted for a change; empty when the workspace has no such product. */
    @SqlQuery("""
            select upc, upc_key, format, release_date, takedown_date from product
            where tenant_id = :tenantId and id = :id and deleted_at is null
            for update""")
    Optional<Current> lock(@Bind("tenantId") String tenantId, @Bind("id") String productId);

    /** Whether any product of any workspace (a deleted one too: its number stays spent) holds this GTIN. */
    @SqlQuery("select exists (select 1 from product where upc_key = :upcKey)")
    boolean upcTaken(@Bind("upcKey") String upcKey);

    @SqlUpdate("""
            update product set
                title = coalesce(:title, title),
                upc = coalesce(:upc, upc),
                upc_key = coalesce(:upcKey, upc_key),
                upc_notice = case when cast(:upc as text) is null then upc_notice end,
                catalog_number = coalesce(:catalogNumber, catalog_number),
                external_id = coalesce(:externalId, external_id),
                display_artist = coalesce(:displayArtist, display_artist),
                type = coalesce(:type, type),
                version = coalesce(:version, version),
                explicit = coalesce(:explicit, explicit),
                release_date = coalesce(:releaseDate, release_date),
                takedown_date = coalesce(:takedownDate, takedown_date),
                main_genre = coalesce(:mainGenre, main_genre),
                sub_genre = coalesce(:subGenre, sub_genre),
                status = coalesce(:status, status),
                label = coalesce(:label, label),
                copyright = coalesce(:copyright, copyright),
                publisher = coalesce(:publisher, publisher),
                contributors = coalesce(cast(:contributors as jsonb), contributors),
                distribution = coalesce(cast(:distribution as jsonb), distribution),
                metadata = case when cast(:metadata as jsonb) is null then metadata
                                else coalesce(metadata, '{}'::jsonb) || cast(:metadata as jsonb) end,
                updated_at = now()
            where tenant_id = :tenantId and id = :id""")
    void update(@BindMethods Changes changes);

    @SqlUpdate("delete from product_artist where tenant_id = :tenantId and product_id = :productId")
    void deleteArtists(@Bind("tenantId") String tenantId, @Bind("productId") String productId);

    @SqlUpdate("""
            insert into product_artist (tenant_id, product_id, artist_id, type, position)
            select :tenantId, :productId, a.artist_id, a.type, a.position - 1
            from unnest(cast(:artists as text[]), cast(:types as text[])) with ordinality as a(artist_id, type, position)""")
    void insertArtists(@Bind("tenantId") String tenantId, @Bind("productId") String productId,
                       @Bind("artists") String[] artists, @Bind("types") String[] types);

    /** Replaces the artists of one product, in credit order. */
    default void replaceArtists(String tenantId, String productId, List<ArtistRef> artists) {
        deleteArtists(tenantId, productId);
        if (!artists.isEmpty()) {
            insertArtists(tenantId, productId, artists.stream().map(ArtistRef::id).toArray(String[]::new),
                    artists.stream().map(artist -> artist.type() == null ? "primary" : artist.type())
                            .toArray(String[]::new));
        }
    }
}
