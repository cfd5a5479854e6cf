package io.catalogingest.gateway.product;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

import io.catalogingest.gateway.web.SearchPattern;
import io.catalogingest.support.storage.PresigningClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads products of a tenant, with their artists, tracks and media ({@link ProductDao}; the gateway never writes
 * catalog state).
 */
@Component
class ProductReader {

    private static final TypeReference<List<ProductDao.ArtistLink>> ARTISTS = new TypeReference<>() { };
    private static final TypeReference<List<ProductDao.AssetLink>> ASSETS = new TypeReference<>() { };
    private static final TypeReference<List<ProductDao.MediaLink>> MEDIA = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final JsonMapper json;
    private final PresigningClient presigning;

    ProductReader(Jdbi jdbi, JsonMapper json, PresigningClient presigning) {
        this.jdbi = jdbi;
        this.json = json;
        this.presigning = presigning;
    }

    Optional<ProductView> find(String tenantId, String productId) {
        return jdbi.withHandle(handle -> {
            ProductDao products = handle.attach(ProductDao.class);
            return products.find(tenantId, productId)
                    .map(found -> withLinks(products, tenantId, List.of(view(found))).get(0));
        });
    }

    /**
     * The same view as {@link #find}, read in one statement ({@link ProductDao#findWhole}): the answer to a create,
     * which a synchronous {@code POST /product} reads once per request (docs/adr/0027). {@code GET} keeps {@link #find}.
     */
    Optional<ProductView> findWhole(String tenantId, String productId) {
        return jdbi.withHandle(handle -> handle.attach(ProductDao.class).findWhole(tenantId, productId))
                .map(whole -> withLinks(List.of(view(whole.product())), links(whole.artists(), ARTISTS),
                        links(whole.assets(), ASSETS), links(whole.media(), MEDIA)).get(0));
    }

    private <T> List<T> links(String array, TypeReference<List<T>> type) {
        return array == null ? List.of() : json.readValue(array, type);
    }

    /** A page of a tenant's products and the number of products that match. */
    Page list(String tenantId, ProductQuery query) {
        return jdbi.withHandle(handle -> {
            ProductDao products = handle.attach(ProductDao.class);
            String pattern = SearchPattern.containing(query.search());
            long total = products.count(tenantId, pattern);
            List<ProductView> page = products.page(tenantId, pattern, query.orderBy(), query.size(),
                    (long) (query.page() - 1) * query.size()).stream().map(this::view).toList();
            return new Page(withLinks(products, tenantId, page), total);
        });
    }

    /** One page of products and how many match in all. */
    record Page(List<ProductView> products, long total) {
    }

    private List<ProductView> withLinks(ProductDao products, String tenantId, List<ProductView> found) {
        if (found.isEmpty()) {
            return found;
        }
        String[] ids = found.stream().map(ProductView::id).toArray(String[]::new);
        return withLinks(found, products.artists(tenantId, ids), products.assets(tenantId, ids),
                products.media(tenantId, ids));
    }

    private List<ProductView> withLinks(List<ProductView> found, List<ProductDao.ArtistLink> artistLinks,
                                        List<ProductDao.AssetLink> assetLinks, List<ProductDao.MediaLink> mediaLinks) {
        Map<String, List<ProductView.Artist>> artists = new HashMap<>();
        artistLinks.forEach(link -> artists.computeIfAbsent(link.productId(),
                k -> new ArrayList<>()).add(new ProductView.Artist(link.id(), link.name(), link.type())));
        Map<String, List<ProductView.Asset>> assets = new HashMap<>();
        assetLinks.forEach(link -> assets.computeIfAbsent(link.productId(),
                k -> new ArrayList<>()).add(new ProductView.Asset(link.id(), link.title(), link.isrc(), link.number())));
        Map<String, List<ProductView.Media>> media = new HashMap<>();
        mediaLinks.forEach(link -> media.computeIfAbsent(link.productId(),
                k -> new ArrayList<>()).add(new ProductView.Media(link.id(),
                presigning.getUrl(link.bucket(), link.objectKey()), link.type(), link.mimeType())));
        return found.stream().map(product -> product.withLinks(artists.getOrDefault(product.id(), List.of()),
                assets.getOrDefault(product.id(), List.of()), media.getOrDefault(product.id(), List.of()))).toList();
    }

    private ProductView view(ProductDao.ProductRow row) {
        return new ProductView(row.id(), row.title(), row.displayArtist(), row.upc(), row.upcNotice(),
                row.catalogNumber(), row.externalId(), row.type(), row.format(), row.explicit(), row.releaseDate(),
                row.takedownDate(), row.mainGenre(), row.subGenre(), row.status(), row.version(), row.label(),
                row.copyright(), row.publisher(), List.of(), List.of(), List.of(), node(row.distribution()),
                node(row.contributors()), node(row.metadata()), false, row.createdAt(), row.updatedAt());
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }
}
