package io.catalogingest.gateway.product;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Products of a tenant with their artists, tracks and media, read only (the ingest-worker writes them). A deleted
 * product ({@code deleted_at} set) is neither found nor listed.
 */
@RegisterConstructorMapper(ProductDao.ProductRow.class)
@RegisterConstructorMapper(ProductDao.ArtistLink.class)
@RegisterConstructorMapper(ProductDao.AssetLink.class)
@RegisterConstructorMapper(ProductDao.MediaLink.class)
@RegisterRowMapper(ProductDao.WholeRowMapper.class)
interface ProductDao {

    /** A product row; the JSON columns as text. */
    record ProductRow(String id, String title, String displayArtist, String upc, String upcNotice,
                      String catalogNumber, String externalId, String type, String format, boolean explicit,
                      LocalDate releaseDate, LocalDate takedownDate, String mainGenre, String subGenre, String status,
                      String version, String label, String copyright, String publisher, String distribution,
                      String contributors, String metadata, Instant createdAt, Instant updatedAt) {
    }

    /** An artist of a product, in credit order. */
    record ArtistLink(String productId, String id, String name, String type) {
    }

    /** A track of a product, by number. */
    record AssetLink(String productId, String id, String title, String isrc, int number) {
    }

    /** A media file of a product, in position order. */
    record MediaLink(String productId, String id, String bucket, String objectKey, String type, String mimeType) {
    }

    /** The columns of a {@link ProductRow}. */
    String PRODUCT_COLUMNS = """
            id, title, display_artist, upc, upc_notice, catalog_number, external_id, type, format, explicit,
                   release_date, takedown_date, main_genre, sub_genre, status, version, label, copyright, publisher,
                   distribution::text as distribution, contributors::text as contributors, metadata::text as metadata,
                   created_at, updated_at""";

    String COLUMNS = "select " + PRODUCT_COLUMNS + "\nfrom product";

    /**
     * A product with its artists, tracks and media as JSON arrays of {@link ArtistLink}, {@link AssetLink} and
     * {@link MediaLink} (null when it has none), in the order of {@link #artists}, {@link #assets} and {@link #media}.
     */
    record WholeRow(ProductRow product, String artists, String assets, String media) {
    }

    /**
     * Maps a {@link WholeRow} by hand: a constructor mapper works out its 27 columns again for every result set, which
     * cost a synchronous create more than the statement itself (docs/adr/0027). {@code ProductDaoTest} holds it equal
     * to {@link #find}'s row.
     */
    final class WholeRowMapper implements RowMapper<WholeRow> {

        @Override
        public WholeRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            ProductRow product = new ProductRow(rs.getString("id"), rs.getString("title"),
                    rs.getString("display_artist"), rs.getString("upc"), rs.getString("upc_notice"),
                    rs.getString("catalog_number"), rs.getString("external_id"), rs.getString("type"),
                    rs.getString("format"), rs.getBoolean("explicit"), rs.getObject("release_date", LocalDate.class),
                    rs.getObject("takedown_date", LocalDate.class), rs.getString("main_genre"),
                    rs.getString("sub_genre"), rs.getString("status"), rs.getString("version"), rs.getString("label"),
                    rs.getString("copyright"), rs.getString("publisher"), rs.getString("distribution"),
                    rs.getString("contributors"), rs.getString("metadata"), instant(rs, "created_at"),
                    instant(rs, "updated_at"));
            return new WholeRow(product, rs.getString("artists"), rs.getString("assets"), rs.getString("media"));
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }

    /**
     * Products matching {@code pattern} (an ILIKE pattern with escape character {@code !}, or null for all) in title,
     * display artist, UPC or catalog number; a soft-deleted product is never listed or counted.
     */
    String MATCHING = """
             where tenant_id = :tenantId and deleted_at is null
               and (cast(:pattern as text) is null or title ilike :pattern escape '!'
                    or display_artist ilike :pattern escape '!' or upc ilike :pattern escape '!'
                    or catalog_number ilike :pattern escape '!')""";

    @SqlQuery(COLUMNS + " where tenant_id = :tenantId and id = :id and deleted_at is null")
    Optional<ProductRow> find(@Bind("tenantId") String tenantId, @Bind("id") String productId);

    /**
     * {@link #find} and the links of the product in one statement (the answer to a create: one round trip instead of
     * four); the same rows, in the same order, as {@link #artists}, {@link #assets} and {@link #media}.
     */
    @SqlQuery("select " + PRODUCT_COLUMNS + """
            ,
                   (select json_agg(json_build_object('productId', pa.product_id, 'id', a.id, 'name', a.name,
                                                      'type', pa.type) order by pa.position)
                    from product_artist pa join artist a on a.tenant_id = pa.tenant_id and a.id = pa.artist_id
                    where pa.tenant_id = product.tenant_id and pa.product_id = product.id)::text as artists,
                   (select json_agg(json_build_object('productId', pa.product_id, 'id', a.id, 'title', a.title,
                                                      'isrc', a.isrc, 'number', pa.number) order by pa.number)
                    from product_asset pa join asset a on a.tenant_id = pa.tenant_id and a.id = pa.asset_id
                    where pa.tenant_id = product.tenant_id and pa.product_id = product.id)::text as assets,
                   (select json_agg(json_build_object('productId', pm.product_id, 'id', m.id, 'bucket', m.bucket,
                                                      'objectKey', m.object_key, 'type', m.type,
                                                      'mimeType', m.mime_type) order by pm.position)
                    from product_media pm join media m on m.id = pm.media_id and m.tenant_id = pm.tenant_id
                    where pm.tenant_id = product.tenant_id and pm.product_id = product.id)::text as media
            from product
            where tenant_id = :tenantId and id = :id and deleted_at is null""")
    Optional<WholeRow> findWhole(@Bind("tenantId") String tenantId, @Bind("id") String productId);

    @SqlQuery("select count(*) from product " + MATCHING)
    long count(@Bind("tenantId") String tenantId, @Bind("pattern") String pattern);

    /** A page of the matching products; {@code orderBy} is one of {@link ProductQuery#orderBy}'s clauses. */
    @SqlQuery(COLUMNS + " " + MATCHING + " order by <orderBy> limit :limit offset :offset")
    List<ProductRow> page(@Bind("tenantId") String tenantId, @Bind("pattern") String pattern,
                          @Define("orderBy") String orderBy, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("""
            select pa.product_id, a.id, a.name, pa.type
            from product_artist pa join artist a on a.tenant_id = pa.tenant_id and a.id = pa.artist_id
            where pa.tenant_id = :tenantId and pa.product_id = any(cast(:ids as text[]))
            order by pa.product_id, pa.position""")
    List<ArtistLink> artists(@Bind("tenantId") String tenantId, @Bind("ids") String[] productIds);

    @SqlQuery("""
            select pa.product_id, a.id, a.title, a.isrc, pa.number
            from product_asset pa join asset a on a.tenant_id = pa.tenant_id and a.id = pa.asset_id
            where pa.tenant_id = :tenantId and pa.product_id = any(cast(:ids as text[]))
            order by pa.product_id, pa.number""")
    List<AssetLink> assets(@Bind("tenantId") String tenantId, @Bind("ids") String[] productIds);

    @SqlQuery("""
            select pm.product_id, m.id, m.bucket, m.object_key, m.type, m.mime_type
            from product_media pm join media m on m.id = pm.media_id and m.tenant_id = pm.tenant_id
            where pm.tenant_id = :tenantId and pm.product_id = any(cast(:ids as text[]))
            order by pm.product_id, pm.position""")
    List<MediaLink> media(@Bind("tenantId") String tenantId, @Bind("ids") String[] productIds);
}
