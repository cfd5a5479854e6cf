package io.catalogingest.ingest.product;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.DeleteProduct;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.ProductDeleted;
import io.catalogingest.common.catalog.ProductUpdated;
import io.catalogingest.common.catalog.UpdateProduct;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.upc.Upc;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;
import tools.jackson.databind.JsonNode;

/**
 * Changes products after their creation (issue 16, item 5): {@code UpdateProduct} (Royalti's partial
 * {@code PUT /product/{id}}) and {@code DeleteProduct} (a soft delete). Each runs under the product's row lock, through
 * {@link AppliedOnce}, and answers {@code ProductUpdated} / {@code ProductDeleted} or {@code ProductRejected}.
 * A deleted product is unknown here (404); its id and UPC stay spent.
 */
@Service
class ProductEditing implements MessageHandlers {

    private static final Logger log = LoggerFactory.getLogger(ProductEditing.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;
    private final ProductIngestion ingestion;

    ProductEditing(AppliedOnce appliedOnce, ProductIngestion ingestion) {
        this.appliedOnce = appliedOnce;
        this.ingestion = ingestion;
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.CATALOG_COMMANDS, CatalogMessages.UPDATE_PRODUCT, KeyRule.aggregate(), this::update)
                .each(Topics.CATALOG_COMMANDS, CatalogMessages.DELETE_PRODUCT, KeyRule.aggregate(), this::delete);
    }

    void update(Envelope<UpdateProduct> command) {
        appliedOnce.apply(ProductIngestion.CONSUMER, command, this::applyUpdate);
    }

    void delete(Envelope<DeleteProduct> command) {
        appliedOnce.apply(ProductIngestion.CONSUMER, command, ProductEditing::applyDelete);
    }

    private Outcome applyUpdate(Handle handle, Envelope<UpdateProduct> command) {
        UpdateProduct update = command.payload();
        String tenant = command.tenantId();
        String productId = update.productId();
        ProductEditDao edits = handle.attach(ProductEditDao.class);
        Optional<ProductEditDao.Current> found = edits.lock(tenant, productId);
        if (found.isEmpty()) {
            return ProductIngestion.rejection(command, productId, 404, "Product not found", List.of());
        }
        ProductEditDao.Current current = found.get();
        List<FieldError> errors = new ArrayList<>(datesProblem(update, current));

        ProductDao products = handle.attach(ProductDao.class);
        List<ArtistRef> artistRefs = update.artists() == null ? List.of() : update.artists();
        List<AssetRef> assetRefs = update.assets() == null ? List.of() : update.assets();
        Set<ProductDao.Key> artistKeys = new HashSet<>();
        artistRefs.forEach(artist -> artistKeys.add(new ProductDao.Key(tenant, artist.id())));
        Set<ProductDao.Key> assetKeys = new HashSet<>();
        assetRefs.forEach(asset -> assetKeys.add(new ProductDao.Key(tenant, asset.asset())));
        Map<ProductDao.Key, ProductDao.Asset> assets = products.assets(assetKeys);
        errors.addAll(ProductIngestion.unknownReferences(tenant, artistRefs, assetRefs, products.artists(artistKeys),
                assets));

        Upc newUpc = null;
        if (update.upc() != null) {
            Optional<String> problem = Upc.problemWith(update.upc());
            if (problem.isPresent()) {
                errors.add(new FieldError("upc", problem.get()));
            } else if (current.upcKey() == null) {
                newUpc = Upc.of(update.upc());
            } else if (!current.upcKey().equals(Upc.of(update.upc()).gtin14())) {
                errors.add(new FieldError("upc", "is already set to " + current.upc()
                        + " and cannot be changed: a product's UPC is immutable once set"));
            }
        }
        if (!errors.isEmpty()) {
            return ProductIngestion.rejection(command, productId, 400, "Invalid product", errors);
        }
        if (newUpc != null && edits.upcTaken(newUpc.gtin14())) {
            return ProductIngestion.rejection(command, productId, 409, "Product conflicts with an existing one",
                    List.of(new FieldError("upc", "UPC " + update.upc() + " already exists")));
        }

        edits.update(new ProductEditDao.Changes(tenant, productId, update.title(),
                newUpc == null ? null : update.upc(), newUpc == null ? null : newUpc.gtin14(), update.catalogNumber(),
                update.externalId(), update.displayArtist(), update.type(), update.version(), update.explicit(),
                update.releaseDate(), update.takedownDate(), update.mainGenre(), update.subGenre(), update.status(),
                update.label(), update.copyright(), update.publisher(), text(update.contributors()),
                text(update.distribution()), text(update.metadata())));
        if (update.artists() != null) {
            edits.replaceArtists(tenant, productId, update.artists());
        }
        String format = current.format();
        if (update.assets() != null) {
            products.replaceTracks(tenant, productId, update.assets());
            format = ingestion.format(tenant, update.assets(), assets);
            products.updateFormat(tenant, productId, format);
        }
        String upc = newUpc == null ? current.upc() : update.upc();
        List<String> changed = changedFields(update);
        log.info("Updated product {} of tenant {}: {} (format {})", productId, tenant, changed, format);
        return Outcome.success("product", productId, 200, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.PRODUCT_UPDATED, SOURCE, productId,
                        new ProductUpdated(productId, changed, upc, format, command.requestId())));
    }

    private static Outcome applyDelete(Handle handle, Envelope<DeleteProduct> command) {
        String tenant = command.tenantId();
        String productId = command.payload().productId();
        Optional<ProductEditDao.Current> found = handle.attach(ProductEditDao.class).lock(tenant, productId);
        if (found.isEmpty() || !handle.attach(ProductDao.class).softDelete(tenant, productId)) {
            return ProductIngestion.rejection(command, productId, 404, "Product not found", List.of());
        }
        log.info("Deleted product {} of tenant {}; its UPC stays spent", productId, tenant);
        return Outcome.success("product", productId, 200, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.PRODUCT_DELETED, SOURCE, productId,
                        new ProductDeleted(productId, found.get().upc(), command.requestId())));
    }

    /** The release date may not be after the takedown date, the stored one standing in for one not given. */
    private static List<FieldError> datesProblem(UpdateProduct update, ProductEditDao.Current current) {
        LocalDate releaseDate = update.releaseDate() != null ? update.releaseDate() : current.releaseDate();
        LocalDate takedownDate = update.takedownDate() != null ? update.takedownDate() : current.takedownDate();
        if (releaseDate == null || takedownDate == null || !releaseDate.isAfter(takedownDate)) {
            return List.of();
        }
        return update.takedownDate() != null
                ? List.of(new FieldError("takedownDate", "must not be before releaseDate " + releaseDate))
                : List.of(new FieldError("releaseDate", "must not be after takedownDate " + takedownDate));
    }

    /** The names of the fields the update gives, as Royalti's form names them. */
    private static List<String> changedFields(UpdateProduct update) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", update.title());
        fields.put("upc", update.upc());
        fields.put("catalogNumber", update.catalogNumber());
        fields.put("externalId", update.externalId());
        fields.put("displayArtist", update.displayArtist());
        fields.put("type", update.type());
        fields.put("version", update.version());
        fields.put("explicit", update.explicit());
        fields.put("releaseDate", update.releaseDate());
        fields.put("takedownDate", update.takedownDate());
        fields.put("mainGenre", update.mainGenre());
        fields.put("subGenre", update.subGenre());
        fields.put("status", update.status());
        fields.put("label", update.label());
        fields.put("copyright", update.copyright());
        fields.put("publisher", update.publisher());
        fields.put("artists", update.artists());
        fields.put("assets", update.assets());
        fields.put("contributors", update.contributors());
        fields.put("distribution", update.distribution());
        fields.put("metadata", update.metadata());
        return fields.entrySet().stream().filter(field -> field.getValue() != null).map(Map.Entry::getKey).toList();
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
