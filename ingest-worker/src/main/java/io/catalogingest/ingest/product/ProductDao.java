package io.catalogingest.ingest.product;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.ingest.workspace.UpcAllocator;
import io.catalogingest.support.persistence.JoinedWrite;
import tools.jackson.databind.JsonNode;

/**
 * Product rows and the catalog state products refer to, read and written inside the caller's transaction
 * ({@code handle.attach}). Reads and writes of many products are one statement each (arrays through
 * {@code unnest}), whatever the number of products; the default methods turn rows into those arrays.
 */
@RegisterConstructorMapper(ProductDao.Artist.class)
@RegisterConstructorMapper(ProductDao.Asset.class)
interface ProductDao {

    /** An artist a product may name, with the defaults it gives its products. */
    record Artist(String tenantId, String id, String name, String label, String copyright, String publisher) {
    }

    /** An asset a product may name; {@code durationSeconds} null when unknown. */
    record Asset(String tenantId, String id, Integer durationSeconds) {
    }

    /** A product ready to insert: the command and what the worker decided for it. */
    record Row(UUID messageId, UUID requestId, String tenantId, CreateProduct product, String upc, String upcKey,
               String format, String label, String copyright, String publisher, String upcNotice) {
    }

    /** Tenant and id, for lookups of rows of several tenants at once. */
    record Key(String tenantId, String id) {
    }

    @SqlQuery("""
            select a.tenant_id, a.id, a.name, a.label, a.copyright, a.publisher
            from artist a
            join unnest(cast(:tenants as text[]), cast(:ids as text[])) as k(tenant_id, id)
              on a.tenant_id = k.tenant_id and a.id = k.id""")
    List<Artist> artists(@Bind("tenants") String[] tenants, @Bind("ids") String[] ids);

    @SqlQuery("""
            select a.tenant_id, a.id, a.duration_seconds
            from asset a
            join unnest(cast(:tenants as text[]), cast(:ids as text[])) as k(tenant_id, id)
              on a.tenant_id = k.tenant_id and a.id = k.id""")
    List<Asset> assets(@Bind("tenants") String[] tenants, @Bind("ids") String[] ids);

    default Map<Key, Artist> artists(Set<Key> keys) {
        Map<Key, Artist> found = new HashMap<>();
        if (!keys.isEmpty()) {
            artists(tenants(keys), ids(keys)).forEach(artist -> found.put(new Key(artist.tenantId(), artist.id()),
                    artist));
        }
        return found;
    }

    default Map<Key, Asset> assets(Set<Key> keys) {
        Map<Key, Asset> found = new HashMap<>();
        if (!keys.isEmpty()) {
            assets(tenants(keys), ids(keys)).forEach(asset -> found.put(new Key(asset.tenantId(), asset.id()), asset));
        }
        return found;
    }

    private static String[] tenants(Set<Key> keys) {
        return keys.stream().map(Key::tenantId).toArray(String[]::new);
    }

    private static String[] ids(Set<Key> keys) {
        return keys.stream().map(Key::id).toArray(String[]::new);
    }

    /**
     * Inserts the products, one array per column ({@link #productColumns}), as plain insert: a product whose id or
     * UPC is taken fails the statement. {@link #insert} adds {@code on conflict do nothing}; the fast path joins it as
     * it is to the outcomes' statement ({@link #joinedInsert}).
     */
    String INSERT_PRODUCTS = """
            insert into product (tenant_id, id, title, upc, upc_key, catalog_number, external_id, display_artist, type,
                version, explicit, release_date, takedown_date, main_genre, sub_genre, status, format, label,
                copyright, publisher, contributors, distribution, metadata, upc_notice, request_id, message_id)
            select tenant_id, id, title, upc, upc_key, catalog_number, external_id, display_artist, type,
                version, explicit, cast(release_date as date), cast(takedown_date as date), main_genre,
                sub_genre, status, format, label, copyright, publisher, cast(contributors as jsonb),
                cast(distribution as jsonb), cast(metadata as jsonb), upc_notice, cast(request_id as uuid),
                cast(message_id as uuid)
            from unnest(cast(:p_tenant_id as text[]), cast(:p_id as text[]), cast(:p_title as text[]),
                cast(:p_upc as text[]), cast(:p_upc_key as text[]), cast(:p_catalog_number as text[]),
                cast(:p_external_id as text[]), cast(:p_display_artist as text[]), cast(:p_type as text[]),
                cast(:p_version as text[]), cast(:p_explicit as boolean[]), cast(:p_release_date as text[]),
                cast(:p_takedown_date as text[]), cast(:p_main_genre as text[]), cast(:p_sub_genre as text[]),
                cast(:p_status as text[]), cast(:p_format as text[]), cast(:p_label as text[]),
                cast(:p_copyright as text[]), cast(:p_publisher as text[]), cast(:p_contributors as text[]),
                cast(:p_distribution as text[]), cast(:p_metadata as text[]), cast(:p_upc_notice as text[]),
                cast(:p_request_id as text[]), cast(:p_message_id as text[]))
                as r(tenant_id, id, title, upc, upc_key, catalog_number, external_id, display_artist, type,
                     version, explicit, release_date, takedown_date, main_genre, sub_genre, status, format,
                     label, copyright, publisher, contributors, distribution, metadata, upc_notice, request_id,
                     message_id)""";

    /** The artists of products ({@link #artistColumns}). */
    String INSERT_ARTISTS = """
            insert into product_artist (tenant_id, product_id, artist_id, type, position)
            select * from unnest(cast(:a_tenant_id as text[]), cast(:a_product_id as text[]),
                cast(:a_artist_id as text[]), cast(:a_type as text[]), cast(:a_position as int[]))""";

    /** The tracks of products ({@link #trackColumns}). */
    String INSERT_TRACKS = """
            insert into product_asset (tenant_id, product_id, asset_id, number)
            select * from unnest(cast(:t_tenant_id as text[]), cast(:t_product_id as text[]),
                cast(:t_asset_id as text[]), cast(:t_number as int[]))""";

    /** The workspaces' UPC block counters after an allocation ({@code UpcAllocator.reserve}). */
    String ADVANCE_BLOCKS = """
            update upc_block b set next_item_reference = a.next
            from unnest(cast(:u_block_id as text[]), cast(:u_next as bigint[])) as a(id, next)
            where b.id = cast(a.id as uuid)""";

    /**
     * Inserts the products; a product whose id is taken in its tenant, or whose UPC is taken in any tenant (by a row
     * already there or an earlier one of the arrays), is left out.
     *
     * @return the message ids of the rows inserted
     */
    @SqlQuery(INSERT_PRODUCTS + "\non conflict do nothing\nreturning message_id")
    List<UUID> insert(@BindMap Map<String, Object> columns);

    /**
     * Inserts the products in one statement ({@link #insert}).
     *
     * @return the message ids of the rows inserted
     */
    default Set<UUID> insertAll(List<Row> rows) {
        return Set.copyOf(insert(productColumns(rows)));
    }

    /**
     * The products, their artists and tracks and the blocks' counters as data-modifying CTEs for the statement that
     * records the outcomes (plain inserts: a taken id or UPC fails the statement, and the caller's transaction with it).
     */
    static JoinedWrite joinedInsert(List<Row> rows, List<UpcAllocator.Advance> advances) {
        Map<String, Object> arguments = new HashMap<>(productColumns(rows));
        StringBuilder ctes = new StringBuilder("products as (").append(INSERT_PRODUCTS).append(")");
        Map<String, Object> artists = artistColumns(rows);
        if (!artists.isEmpty()) {
            ctes.append(",\nproduct_artists as (").append(INSERT_ARTISTS).append(")");
            arguments.putAll(artists);
        }
        Map<String, Object> tracks = trackColumns(rows);
        if (!tracks.isEmpty()) {
            ctes.append(",\nproduct_tracks as (").append(INSERT_TRACKS).append(")");
            arguments.putAll(tracks);
        }
        if (!advances.isEmpty()) {
            ctes.append(",\nadvanced as (").append(ADVANCE_BLOCKS).append(")");
            arguments.put("u_block_id", advances.stream().map(a -> a.blockId().toString()).toArray(String[]::new));
            arguments.put("u_next", advances.stream().map(UpcAllocator.Advance::next).toArray(Long[]::new));
        }
        return new JoinedWrite(ctes.toString(), arguments);
    }

    /** One array per column of {@link #INSERT_PRODUCTS}, by parameter name. */
    private static Map<String, Object> productColumns(List<Row> rows) {
        int n = rows.size();
        String[] tenants = new String[n];
        String[] ids = new String[n];
        String[] titles = new String[n];
        String[] upcs = new String[n];
        String[] upcKeys = new String[n];
        String[] catalogNumbers = new String[n];
        String[] externalIds = new String[n];
        String[] displayArtists = new String[n];
        String[] types = new String[n];
        String[] versions = new String[n];
        Boolean[] explicits = new Boolean[n];
        String[] releaseDates = new String[n];
        String[] takedownDates = new String[n];
        String[] mainGenres = new String[n];
        String[] subGenres = new String[n];
        String[] statuses = new String[n];
        String[] formats = new String[n];
        String[] labels = new String[n];
        String[] copyrights = new String[n];
        String[] publishers = new String[n];
        String[] contributors = new String[n];
        String[] distributions = new String[n];
        String[] metadatas = new String[n];
        String[] upcNotices = new String[n];
        String[] requestIds = new String[n];
        String[] messageIds = new String[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            CreateProduct product = row.product();
            tenants[i] = row.tenantId();
            ids[i] = product.productId();
            titles[i] = product.title();
            upcs[i] = row.upc();
            upcKeys[i] = row.upcKey();
            catalogNumbers[i] = product.catalogNumber();
            externalIds[i] = product.externalId();
            displayArtists[i] = product.displayArtist();
            types[i] = product.type() == null ? "Audio" : product.type();
            versions[i] = product.version();
            explicits[i] = Boolean.TRUE.equals(product.explicit());
            releaseDates[i] = text(product.releaseDate());
            takedownDates[i] = text(product.takedownDate());
            mainGenres[i] = product.mainGenre();
            subGenres[i] = product.subGenre();
            statuses[i] = product.status() == null ? "active" : product.status();
            formats[i] = row.format();
            labels[i] = row.label();
            copyrights[i] = row.copyright();
            publishers[i] = row.publisher();
            contributors[i] = text(product.contributors());
            distributions[i] = text(product.distribution());
            metadatas[i] = text(product.metadata());
            upcNotices[i] = row.upcNotice();
            requestIds[i] = row.requestId() == null ? null : row.requestId().toString();
            messageIds[i] = row.messageId().toString();
        }
        Map<String, Object> columns = new HashMap<>();
        columns.put("p_tenant_id", tenants);
        columns.put("p_id", ids);
        columns.put("p_title", titles);
        columns.put("p_upc", upcs);
        columns.put("p_upc_key", upcKeys);
        columns.put("p_catalog_number", catalogNumbers);
        columns.put("p_external_id", externalIds);
        columns.put("p_display_artist", displayArtists);
        columns.put("p_type", types);
        columns.put("p_version", versions);
        columns.put("p_explicit", explicits);
        columns.put("p_release_date", releaseDates);
        columns.put("p_takedown_date", takedownDates);
        columns.put("p_main_genre", mainGenres);
        columns.put("p_sub_genre", subGenres);
        columns.put("p_status", statuses);
        columns.put("p_format", formats);
        columns.put("p_label", labels);
        columns.put("p_copyright", copyrights);
        columns.put("p_publisher", publishers);
        columns.put("p_contributors", contributors);
        columns.put("p_distribution", distributions);
        columns.put("p_metadata", metadatas);
        columns.put("p_upc_notice", upcNotices);
        columns.put("p_request_id", requestIds);
        columns.put("p_message_id", messageIds);
        return columns;
    }

    /** One array per column of {@link #INSERT_ARTISTS}; empty when no product names an artist. */
    private static Map<String, Object> artistColumns(List<Row> rows) {
        List<String> tenants = new ArrayList<>();
        List<String> products = new ArrayList<>();
        List<String> artists = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Row row : rows) {
            List<ArtistRef> named = row.product().artists();
            for (int i = 0; i < named.size(); i++) {
                tenants.add(row.tenantId());
                products.add(row.product().productId());
                artists.add(named.get(i).id());
                types.add(named.get(i).type() == null ? "primary" : named.get(i).type());
                positions.add(i);
            }
        }
        if (tenants.isEmpty()) {
            return Map.of();
        }
        return Map.of("a_tenant_id", tenants.toArray(String[]::new), "a_product_id", products.toArray(String[]::new),
                "a_artist_id", artists.toArray(String[]::new), "a_type", types.toArray(String[]::new),
                "a_position", positions.toArray(Integer[]::new));
    }

    /** One array per column of {@link #INSERT_TRACKS}; empty when no product has tracks. */
    private static Map<String, Object> trackColumns(List<Row> rows) {
        List<String> tenants = new ArrayList<>();
        List<String> products = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (Row row : rows) {
            for (AssetRef asset : row.product().assets()) {
                tenants.add(row.tenantId());
                products.add(row.product().productId());
                assets.add(asset.asset());
                numbers.add(asset.number());
            }
        }
        return tracks(tenants, products, assets, numbers);
    }

    private static Map<String, Object> tracks(List<String> tenants, List<String> products, List<String> assets,
                                              List<Integer> numbers) {
        if (tenants.isEmpty()) {
            return Map.of();
        }
        return Map.of("t_tenant_id", tenants.toArray(String[]::new), "t_product_id", products.toArray(String[]::new),
                "t_asset_id", assets.toArray(String[]::new), "t_number", numbers.toArray(Integer[]::new));
    }

    @SqlUpdate(INSERT_ARTISTS)
    void insertArtists(@BindMap Map<String, Object> columns);

    @SqlUpdate(INSERT_TRACKS)
    void insertTracks(@BindMap Map<String, Object> columns);

    /** The artists and tracks of freshly inserted products, in two statements. */
    default void insertLinks(List<Row> rows) {
        Map<String, Object> artists = artistColumns(rows);
        if (!artists.isEmpty()) {
            insertArtists(artists);
        }
        Map<String, Object> tracks = trackColumns(rows);
        if (!tracks.isEmpty()) {
            insertTracks(tracks);
        }
    }

    /** Replaces the tracks of one product. */
    default void replaceTracks(String tenantId, String productId, List<AssetRef> tracks) {
        deleteTracks(tenantId, productId);
        Map<String, Object> columns = tracks(tracks.stream().map(track -> tenantId).toList(),
                tracks.stream().map(track -> productId).toList(), tracks.stream().map(AssetRef::asset).toList(),
                tracks.stream().map(AssetRef::number).toList());
        if (!columns.isEmpty()) {
            insertTracks(columns);
        }
    }

    @SqlUpdate("delete from product_asset where tenant_id = :tenantId and product_id = :productId")
    void deleteTracks(@Bind("tenantId") String tenantId, @Bind("productId") String productId);

    /** Locks the product row for a change of its tracks; empty when the tenant has no such product (or deleted it). */
    @SqlQuery("select id from product where tenant_id = :tenantId and id = :id and deleted_at is null for update")
    Optional<String> lock(@Bind("tenantId") String tenantId, @Bind("id") String productId);

    @SqlUpdate("update product set format = :format, updated_at = now() where tenant_id = :tenantId and id = :id")
    void updateFormat(@Bind("tenantId") String tenantId, @Bind("id") String productId, @Bind("format") String format);

    @SqlQuery("select exists (select 1 from product where tenant_id = :tenantId and id = :id)")
    boolean idTaken(@Bind("tenantId") String tenantId, @Bind("id") String productId);

    /**
     * Soft-deletes a product: it is no longer read or listed, but its row — its id and its UPC — stays, so neither is
     * ever given out again (a GS1 number, once allocated, stays spent).
     *
     * @return whether the product existed and was not deleted yet
     */
    @SqlUpdate("""
            update product set deleted_at = now(), updated_at = now()
            where tenant_id = :tenantId and id = :productId and deleted_at is null""")
    boolean softDelete(@Bind("tenantId") String tenantId, @Bind("productId") String productId);

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
