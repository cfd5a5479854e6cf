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
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CreateProduct;
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
               String format, String label, String copyright, String publisher) {
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
     * Inserts the products, one array per column; a product whose id is taken in its tenant, or whose UPC is taken
     * in any tenant (by a row already there or an earlier one of the arrays), is left out.
     *
     * @return the message ids of the rows inserted
     */
    @SqlQuery("""
            insert into product (tenant_id, id, title, upc, upc_key, catalog_number, external_id, display_artist, type,
                version, explicit, release_date, takedown_date, main_genre, sub_genre, status, format, label,
                copyright, publisher, contributors, distribution, metadata, request_id, message_id)
            select tenant_id, id, title, upc, upc_key, catalog_number, external_id, display_artist, type,
                version, explicit, cast(release_date as date), cast(takedown_date as date), main_genre,
                sub_genre, status, format, label, copyright, publisher, cast(contributors as jsonb),
                cast(distribution as jsonb), cast(metadata as jsonb), cast(request_id as uuid),
                cast(message_id as uuid)
            from unnest(cast(:tenants as text[]), cast(:ids as text[]), cast(:titles as text[]),
                cast(:upcs as text[]), cast(:upcKeys as text[]), cast(:catalogNumbers as text[]),
                cast(:externalIds as text[]), cast(:displayArtists as text[]), cast(:types as text[]),
                cast(:versions as text[]), cast(:explicits as boolean[]), cast(:releaseDates as text[]),
                cast(:takedownDates as text[]), cast(:mainGenres as text[]), cast(:subGenres as text[]),
                cast(:statuses as text[]), cast(:formats as text[]), cast(:labels as text[]),
                cast(:copyrights as text[]), cast(:publishers as text[]), cast(:contributors as text[]),
                cast(:distributions as text[]), cast(:metadatas as text[]), cast(:requestIds as text[]),
                cast(:messageIds as text[]))
                as r(tenant_id, id, title, upc, upc_key, catalog_number, external_id, display_artist, type,
                     version, explicit, release_date, takedown_date, main_genre, sub_genre, status, format,
                     label, copyright, publisher, contributors, distribution, metadata, request_id,
                     message_id)
            on conflict do nothing
            returning message_id""")
    List<UUID> insert(@Bind("tenants") String[] tenants, @Bind("ids") String[] ids, @Bind("titles") String[] titles,
                      @Bind("upcs") String[] upcs, @Bind("upcKeys") String[] upcKeys,
                      @Bind("catalogNumbers") String[] catalogNumbers, @Bind("externalIds") String[] externalIds,
                      @Bind("displayArtists") String[] displayArtists, @Bind("types") String[] types,
                      @Bind("versions") String[] versions, @Bind("explicits") Boolean[] explicits,
                      @Bind("releaseDates") String[] releaseDates, @Bind("takedownDates") String[] takedownDates,
                      @Bind("mainGenres") String[] mainGenres, @Bind("subGenres") String[] subGenres,
                      @Bind("statuses") String[] statuses, @Bind("formats") String[] formats,
                      @Bind("labels") String[] labels, @Bind("copyrights") String[] copyrights,
                      @Bind("publishers") String[] publishers, @Bind("contributors") String[] contributors,
                      @Bind("distributions") String[] distributions, @Bind("metadatas") String[] metadatas,
                      @Bind("requestIds") String[] requestIds, @Bind("messageIds") String[] messageIds);

    /**
     * Inserts the products in one statement ({@link #insert}).
     *
     * @return the message ids of the rows inserted
     */
    default Set<UUID> insertAll(List<Row> rows) {
        int n = rows.size();
        List<String> tenants = new ArrayList<>(n);
        List<String> ids = new ArrayList<>(n);
        List<String> titles = new ArrayList<>(n);
        List<String> upcs = new ArrayList<>(n);
        List<String> upcKeys = new ArrayList<>(n);
        List<String> catalogNumbers = new ArrayList<>(n);
        List<String> externalIds = new ArrayList<>(n);
        List<String> displayArtists = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        List<String> versions = new ArrayList<>(n);
        List<Boolean> explicits = new ArrayList<>(n);
        List<String> releaseDates = new ArrayList<>(n);
        List<String> takedownDates = new ArrayList<>(n);
        List<String> mainGenres = new ArrayList<>(n);
        List<String> subGenres = new ArrayList<>(n);
        List<String> statuses = new ArrayList<>(n);
        List<String> formats = new ArrayList<>(n);
        List<String> labels = new ArrayList<>(n);
        List<String> copyrights = new ArrayList<>(n);
        List<String> publishers = new ArrayList<>(n);
        List<String> contributors = new ArrayList<>(n);
        List<String> distributions = new ArrayList<>(n);
        List<String> metadatas = new ArrayList<>(n);
        List<String> requestIds = new ArrayList<>(n);
        List<String> messageIds = new ArrayList<>(n);
        for (Row row : rows) {
            CreateProduct product = row.product();
            tenants.add(row.tenantId());
            ids.add(product.productId());
            titles.add(product.title());
            upcs.add(row.upc());
            upcKeys.add(row.upcKey());
            catalogNumbers.add(product.catalogNumber());
            externalIds.add(product.externalId());
            displayArtists.add(product.displayArtist());
            types.add(product.type() == null ? "Audio" : product.type());
            versions.add(product.version());
            explicits.add(Boolean.TRUE.equals(product.explicit()));
            releaseDates.add(text(product.releaseDate()));
            takedownDates.add(text(product.takedownDate()));
            mainGenres.add(product.mainGenre());
            subGenres.add(product.subGenre());
            statuses.add(product.status() == null ? "active" : product.status());
            formats.add(row.format());
            labels.add(row.label());
            copyrights.add(row.copyright());
            publishers.add(row.publisher());
            contributors.add(text(product.contributors()));
            distributions.add(text(product.distribution()));
            metadatas.add(text(product.metadata()));
            requestIds.add(row.requestId() == null ? null : row.requestId().toString());
            messageIds.add(row.messageId().toString());
        }
        return Set.copyOf(insert(tenants.toArray(String[]::new), ids.toArray(String[]::new),
                titles.toArray(String[]::new), upcs.toArray(String[]::new), upcKeys.toArray(String[]::new),
                catalogNumbers.toArray(String[]::new), externalIds.toArray(String[]::new),
                displayArtists.toArray(String[]::new), types.toArray(String[]::new), versions.toArray(String[]::new),
                explicits.toArray(Boolean[]::new), releaseDates.toArray(String[]::new),
                takedownDates.toArray(String[]::new), mainGenres.toArray(String[]::new),
                subGenres.toArray(String[]::new), statuses.toArray(String[]::new), formats.toArray(String[]::new),
                labels.toArray(String[]::new), copyrights.toArray(String[]::new), publishers.toArray(String[]::new),
                contributors.toArray(String[]::new), distributions.toArray(String[]::new),
                metadatas.toArray(String[]::new), requestIds.toArray(String[]::new),
                messageIds.toArray(String[]::new)));
    }

    @SqlUpdate("""
            insert into product_artist (tenant_id, product_id, artist_id, type, position)
            select * from unnest(cast(:tenants as text[]), cast(:products as text[]), cast(:artists as text[]),
                cast(:types as text[]), cast(:positions as int[]))""")
    void insertArtists(@Bind("tenants") String[] tenants, @Bind("products") String[] products,
                       @Bind("artists") String[] artists, @Bind("types") String[] types,
                       @Bind("positions") Integer[] positions);

    @SqlUpdate("""
            insert into product_asset (tenant_id, product_id, asset_id, number)
            select * from unnest(cast(:tenants as text[]), cast(:products as text[]), cast(:assets as text[]),
                cast(:numbers as int[]))""")
    void insertTracks(@Bind("tenants") String[] tenants, @Bind("products") String[] products,
                      @Bind("assets") String[] assets, @Bind("numbers") Integer[] numbers);

    /** The artists and tracks of freshly inserted products, in two statements. */
    default void insertLinks(List<Row> rows) {
        List<String> tenants = new ArrayList<>();
        List<String> products = new ArrayList<>();
        List<String> artists = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < row.product().artists().size(); i++) {
                tenants.add(row.tenantId());
                products.add(row.product().productId());
                artists.add(row.product().artists().get(i).id());
                types.add(row.product().artists().get(i).type() == null ? "primary" : row.product().artists().get(i).type());
                positions.add(i);
            }
        }
        if (!tenants.isEmpty()) {
            insertArtists(tenants.toArray(String[]::new), products.toArray(String[]::new),
                    artists.toArray(String[]::new), types.toArray(String[]::new), positions.toArray(Integer[]::new));
        }
        List<String> trackTenants = new ArrayList<>();
        List<String> trackProducts = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (Row row : rows) {
            for (AssetRef asset : row.product().assets()) {
                trackTenants.add(row.tenantId());
                trackProducts.add(row.product().productId());
                assets.add(asset.asset());
                numbers.add(asset.number());
            }
        }
        insertTracks(trackTenants, trackProducts, assets, numbers);
    }

    /** Replaces the tracks of one product. */
    default void replaceTracks(String tenantId, String productId, List<AssetRef> tracks) {
        deleteTracks(tenantId, productId);
        insertTracks(tracks.stream().map(track -> tenantId).toList(),
                tracks.stream().map(track -> productId).toList(), tracks.stream().map(AssetRef::asset).toList(),
                tracks.stream().map(AssetRef::number).toList());
    }

    private void insertTracks(List<String> tenants, List<String> products, List<String> assets,
                              List<Integer> numbers) {
        if (!tenants.isEmpty()) {
            insertTracks(tenants.toArray(String[]::new), products.toArray(String[]::new), assets.toArray(String[]::new),
                    numbers.toArray(Integer[]::new));
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
