package io.catalogingest.ingest.product;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.ProductAssetsReplaced;
import io.catalogingest.common.catalog.ProductCreated;
import io.catalogingest.common.catalog.ProductRejected;
import io.catalogingest.common.catalog.ReplaceProductAssets;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.format.FormatRule;
import io.catalogingest.common.format.FormatThresholds;
import io.catalogingest.common.format.ProductFormat;
import io.catalogingest.common.upc.PlaceholderUpc;
import io.catalogingest.common.upc.Upc;
import io.catalogingest.common.workspace.WorkspaceMessages;
import io.catalogingest.ingest.workspace.UpcAllocator;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Announcement;
import io.catalogingest.support.persistence.Delivery;
import io.catalogingest.support.persistence.Outcome;

/**
 * Applies product commands against the catalog. Many create-product commands are applied in one transaction with
 * a handful of statements (claims, reference lookups, UPC allocation, product rows, links, outcomes), yet each
 * command keeps its own dedupe mark, its own outcome and its own event: a rejected one does not hold back the others.
 */
@Service
public class ProductIngestion implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.products";
    private static final Logger log = LoggerFactory.getLogger(ProductIngestion.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;
    private final UpcAllocator upcAllocator;
    private final FormatThresholds thresholds;
    private final int productChunk;

    ProductIngestion(AppliedOnce appliedOnce, UpcAllocator upcAllocator, FormatProperties format,
                     @Value("${catalog.ingest.batch.product-chunk:500}") int productChunk) {
        this.appliedOnce = appliedOnce;
        this.upcAllocator = upcAllocator;
        this.thresholds = format.thresholds();
        this.productChunk = productChunk;
    }

    /**
     * Create-product commands in chunks of {@code catalog.ingest.batch.product-chunk}, a transaction each, their events
     * sent while the next chunk is applied; replace-tracks commands a run per transaction.
     */
    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.chunks(Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_PRODUCT, KeyRule.aggregate(), productChunk,
                        this::createAllAndSend)
                .runs(Topics.CATALOG_COMMANDS, CatalogMessages.REPLACE_PRODUCT_ASSETS, KeyRule.aggregate(),
                        this::replaceAssetsAll);
    }

    /**
     * Applies create-product commands in one transaction (set-based: one statement claims them, one inserts the
     * products, records the outcomes and writes the events to the outbox) and, once it committed, sends each one's
     * outcome event without waiting for the broker: the caller awaits the delivery before it acknowledges the records,
     * and may meanwhile apply the next commands. The fast path ({@link #attempt}) expects no conflict; a taken id or
     * UPC sends the chunk to the checks per command ({@link #decide}) in a new transaction (ADR 0028).
     */
    Delivery createAllAndSend(List<Envelope<CreateProduct>> commands) {
        long start = System.nanoTime();
        Delivery delivery = appliedOnce.processBatch(CONSUMER, commands, this::attempt,
                (handle, fresh, alsoAnnounce) -> {
                    Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
                    List<Envelope<?>> warnings = new ArrayList<>();
                    decide(handle, fresh, outcomes, warnings);
                    warnings.forEach(warning -> alsoAnnounce.add(new Announcement(Topics.CATALOG_EVENTS, warning)));
                    return outcomes;
                });
        if (log.isDebugEnabled()) {
            log.debug("Applied {} create-product commands in {} ms", commands.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return delivery;
    }

    /**
     * The fast path of {@link #createAllAndSend}: the same rules as {@link #decide}, but without looking for taken ids
     * first, and the products inserted (plain insert, no {@code on conflict}) by the statement that records the
     * outcomes, with the blocks' counters: a taken id or UPC fails that statement, and the chunk is applied again by
     * {@link #decide}. A chunk that names one product twice, or that a workspace's blocks cannot number whole, goes to
     * {@link #decide} at once (nothing is written before).
     */
    private Optional<AppliedOnce.Attempt> attempt(Handle handle, List<Envelope<CreateProduct>> commands,
                                                  List<Announcement> alsoAnnounce) {
        Set<ProductDao.Key> ids = new HashSet<>();
        for (Envelope<CreateProduct> command : commands) {
            if (!ids.add(new ProductDao.Key(command.tenantId(), command.payload().productId()))) {
                return Optional.empty();
            }
        }
        Map<UUID, Outcome> outcomes = new HashMap<>();
        List<Candidate> candidates = candidates(handle, commands, outcomes);
        List<ProductDao.Row> rows = new ArrayList<>();
        Map<String, List<Candidate>> needNumbers = withGivenUpcs(candidates, rows, outcomes);
        List<UpcAllocator.Advance> advances = new ArrayList<>();
        List<Envelope<?>> warnings = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> entry : needNumbers.entrySet()) {
            UpcAllocator.Allocation allocation = upcAllocator.reserve(handle, entry.getKey(), entry.getValue().size());
            if (!allocation.usesPlaceholder() && allocation.numbers().size() < entry.getValue().size()) {
                return Optional.empty(); // the blocks ran out: which products go without is decided per product
            }
            advances.addAll(allocation.advances());
            rows.addAll(number(allocation, entry.getKey(), entry.getValue(), outcomes, new HashMap<>(), warnings));
        }
        Map<UUID, Envelope<CreateProduct>> byMessage = new HashMap<>();
        commands.forEach(command -> byMessage.put(command.id(), command));
        rows.forEach(row -> outcomes.put(row.messageId(), created(byMessage.get(row.messageId()), row)));
        warnings.forEach(warning -> alsoAnnounce.add(new Announcement(Topics.CATALOG_EVENTS, warning)));
        return Optional.of(new AppliedOnce.Attempt(outcomes,
                rows.isEmpty() ? null : ProductDao.joinedInsert(rows, advances)));
    }

    /**
     * Applies one create-product command inside the caller's transaction with every rule of this feature
     * (references, defaults, format, UPC given or allocated), but without a dedupe mark, a recorded outcome or an
     * event: for features that create a product as part of their own work (auto-creation of an approved release).
     */
    public Outcome createInTransaction(Handle handle, Envelope<CreateProduct> command) {
        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
        decide(handle, List.of(command), outcomes, new ArrayList<>());
        return outcomes.get(command.id());
    }

    /**
     * Soft-deletes a product inside the caller's transaction ({@code product.deleted_at}; its UPC stays spent): for
     * features that remove a product as part of their own work (a release's revert).
     *
     * @return whether a product that was not deleted yet is deleted now
     */
    public boolean softDeleteInTransaction(Handle handle, String tenantId, String productId) {
        return handle.attach(ProductDao.class).softDelete(tenantId, productId);
    }

    /** Applies replace-tracks commands in one transaction, then announces each one's outcome. */
    void replaceAssetsAll(List<Envelope<ReplaceProductAssets>> commands) {
        appliedOnce.applyAll(CONSUMER, commands, this::replaceAssets);
    }

    /**
     * Decides, allocates and inserts; puts every command's outcome into {@code outcomes}, and the events that warn
     * of a workspace's UPC blocks running low into {@code warnings}.
     */
    private void decide(Handle handle, List<Envelope<CreateProduct>> commands, Map<UUID, Outcome> outcomes,
                        List<Envelope<?>> warnings) {
        List<Candidate> candidates = candidates(handle, commands, outcomes);
        List<ProductDao.Row> rows = new ArrayList<>();
        Map<String, List<Candidate>> needNumbers = withGivenUpcs(candidates, rows, outcomes);
        Set<ProductDao.Key> planned = new HashSet<>();
        rows.forEach(row -> planned.add(new ProductDao.Key(row.tenantId(), row.product().productId())));
        Map<UUID, String> allocatedFrom = new LinkedHashMap<>();
        needNumbers.forEach((tenant, waiting) -> rows.addAll(allocate(handle, tenant,
                withoutTakenIds(handle, waiting, planned, outcomes), outcomes, allocatedFrom, warnings)));

        Map<UUID, Candidate> byMessage = new LinkedHashMap<>();
        candidates.forEach(candidate -> byMessage.put(candidate.command().id(), candidate));
        List<ProductDao.Row> inserted = new ArrayList<>();
        List<ProductDao.Row> pending = rows;
        while (!pending.isEmpty()) {
            Set<UUID> done = handle.attach(ProductDao.class).insertAll(pending);
            List<Candidate> renumber = new ArrayList<>();
            for (ProductDao.Row row : pending) {
                Candidate candidate = byMessage.get(row.messageId());
                if (done.contains(row.messageId())) {
                    inserted.add(row);
                    outcomes.put(row.messageId(), created(candidate.command(), row));
                } else if (handle.attach(ProductDao.class).idTaken(row.tenantId(), row.product().productId())) {
                    outcomes.put(row.messageId(), idTaken(candidate.command()));
                } else if (allocatedFrom.containsKey(row.messageId())) {
                    // a UPC given by hand earlier took this number: draw the next one
                    renumber.add(candidate);
                } else {
                    outcomes.put(row.messageId(), rejection(candidate.command(), 409,
                            "Product conflicts with an existing one",
                            List.of(new FieldError("upc", "UPC " + row.upc() + " already exists"))));
                }
            }
            pending = new ArrayList<>();
            Map<String, List<Candidate>> again = new TreeMap<>();
            renumber.forEach(candidate -> again.computeIfAbsent(allocatedFrom.get(candidate.command().id()),
                    t -> new ArrayList<>()).add(candidate));
            for (Map.Entry<String, List<Candidate>> entry : again.entrySet()) {
                pending.addAll(allocate(handle, entry.getKey(), entry.getValue(), outcomes, allocatedFrom, warnings));
            }
        }
        handle.attach(ProductDao.class).insertLinks(inserted);
    }

    /**
     * The commands whose artists and assets exist in their workspace, with their defaults and format; the others are
     * rejected into {@code outcomes}. One lookup each for the artists and the assets named.
     */
    private List<Candidate> candidates(Handle handle, List<Envelope<CreateProduct>> commands,
                                       Map<UUID, Outcome> outcomes) {
        Set<ProductDao.Key> artistKeys = new HashSet<>();
        Set<ProductDao.Key> assetKeys = new HashSet<>();
        for (Envelope<CreateProduct> command : commands) {
            command.payload().artists().forEach(a -> artistKeys.add(new ProductDao.Key(command.tenantId(), a.id())));
            command.payload().assets().forEach(a -> assetKeys.add(new ProductDao.Key(command.tenantId(), a.asset())));
        }
        Map<ProductDao.Key, ProductDao.Artist> artists = handle.attach(ProductDao.class).artists(artistKeys);
        Map<ProductDao.Key, ProductDao.Asset> assets = handle.attach(ProductDao.class).assets(assetKeys);

        List<Candidate> candidates = new ArrayList<>();
        for (Envelope<CreateProduct> command : commands) {
            List<FieldError> unknown = unknownReferences(command.tenantId(), command.payload().artists(),
                    command.payload().assets(), artists, assets);
            if (!unknown.isEmpty()) {
                outcomes.put(command.id(), rejection(command, 400, "Product refers to unknown artists or assets",
                        unknown));
                continue;
            }
            candidates.add(new Candidate(command, defaults(command, artists), format(command.tenantId(),
                    command.payload().assets(), assets)));
        }
        return candidates;
    }

    /**
     * The candidates that give a UPC become {@code rows} (or are rejected for an invalid one); the others wait for a
     * number, per tenant in the order of tenant ids: a tenant's blocks are locked together, tenants one after another,
     * so two workers never wait on each other in a circle.
     */
    private static Map<String, List<Candidate>> withGivenUpcs(List<Candidate> candidates, List<ProductDao.Row> rows,
                                                              Map<UUID, Outcome> outcomes) {
        Map<String, List<Candidate>> needNumbers = new TreeMap<>();
        for (Candidate candidate : candidates) {
            CreateProduct product = candidate.command().payload();
            if (product.upc() != null) {
                Optional<String> problem = Upc.problemWith(product.upc());
                if (problem.isPresent()) {
                    outcomes.put(candidate.command().id(), rejection(candidate.command(), 400, "Invalid product",
                            List.of(new FieldError("upc", problem.get()))));
                    continue;
                }
                rows.add(candidate.row(product.upc(), Upc.of(product.upc()).gtin14(), null));
            } else {
                needNumbers.computeIfAbsent(candidate.command().tenantId(), t -> new ArrayList<>()).add(candidate);
            }
        }
        return needNumbers;
    }

    /**
     * The candidates that may draw a number: a product whose id its workspace already has, or that an earlier
     * command of the batch takes, is refused here, before a number is drawn for it.
     */
    private static List<Candidate> withoutTakenIds(Handle handle, List<Candidate> waiting,
                                                   Set<ProductDao.Key> planned, Map<UUID, Outcome> outcomes) {
        String[] tenants = waiting.stream().map(c -> c.command().tenantId()).toArray(String[]::new);
        String[] ids = waiting.stream().map(c -> c.command().payload().productId()).toArray(String[]::new);
        Set<ProductDao.Key> taken = new HashSet<>();
        handle.attach(ProductUpcDao.class).taken(tenants, ids)
                .forEach(product -> taken.add(new ProductDao.Key(product.tenantId(), product.id())));
        List<Candidate> free = new ArrayList<>(waiting.size());
        for (Candidate candidate : waiting) {
            ProductDao.Key key = new ProductDao.Key(candidate.command().tenantId(),
                    candidate.command().payload().productId());
            if (taken.contains(key) || !planned.add(key)) {
                outcomes.put(candidate.command().id(), idTaken(candidate.command()));
            } else {
                free.add(candidate);
            }
        }
        return free;
    }

    /** {@link #number} from an allocation made (counters written) now. */
    private List<ProductDao.Row> allocate(Handle handle, String tenant, List<Candidate> waiting,
                                          Map<UUID, Outcome> outcomes, Map<UUID, String> allocatedFrom,
                                          List<Envelope<?>> warnings) {
        if (waiting.isEmpty()) {
            return List.of();
        }
        return number(upcAllocator.allocate(handle, tenant, waiting.size()), tenant, waiting, outcomes, allocatedFrom,
                warnings);
    }

    /**
     * UPCs from the tenant's blocks for the candidates, in order; those the blocks cannot serve are rejected. A
     * tenant without a block of its own, or with auto-UPC off, gets placeholders, and the products say why
     * ({@code upc_notice}, as do products numbered while the blocks run low).
     */
    private static List<ProductDao.Row> number(UpcAllocator.Allocation allocation, String tenant,
                                               List<Candidate> waiting, Map<UUID, Outcome> outcomes,
                                               Map<UUID, String> allocatedFrom, List<Envelope<?>> warnings) {
        allocation.low().ifPresent(low -> warnings.add(Envelope.create(WorkspaceMessages.UPC_BLOCKS_LOW, SOURCE,
                tenant, tenant, null, low)));
        List<ProductDao.Row> rows = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            Candidate candidate = waiting.get(i);
            UUID messageId = candidate.command().id();
            if (allocation.usesPlaceholder()) {
                rows.add(candidate.row(PlaceholderUpc.forProductId(candidate.command().payload().productId()), null,
                        allocation.placeholder()));
            } else if (i < allocation.numbers().size()) {
                allocatedFrom.put(messageId, tenant);
                Upc upc = allocation.numbers().get(i);
                rows.add(candidate.row(upc.value(), upc.gtin14(), allocation.notice()));
            } else {
                log.warn("The UPC blocks of tenant {} are used up; rejecting product {}", tenant,
                        candidate.command().payload().productId());
                outcomes.put(messageId, rejection(candidate.command(), 409, "No UPC left to allocate",
                        List.of(new FieldError("upc", allocation.exhausted()))));
            }
        }
        return rows;
    }

    private Outcome replaceAssets(Handle handle, Envelope<ReplaceProductAssets> command) {
        ReplaceProductAssets replace = command.payload();
        String tenant = command.tenantId();
        if (handle.attach(ProductDao.class).lock(tenant, replace.productId()).isEmpty()) {
            return rejection(command, replace.productId(), 404, "Product not found", List.of());
        }
        Set<ProductDao.Key> keys = new HashSet<>();
        replace.assets().forEach(asset -> keys.add(new ProductDao.Key(tenant, asset.asset())));
        Map<ProductDao.Key, ProductDao.Asset> assets = handle.attach(ProductDao.class).assets(keys);
        List<FieldError> unknown = unknownReferences(tenant, List.of(), replace.assets(), Map.of(), assets);
        if (!unknown.isEmpty()) {
            return rejection(command, replace.productId(), 400, "Unknown assets", unknown);
        }
        handle.attach(ProductDao.class).replaceTracks(tenant, replace.productId(), replace.assets());
        String format = format(tenant, replace.assets(), assets);
        handle.attach(ProductDao.class).updateFormat(tenant, replace.productId(), format);
        log.info("Replaced the tracks of product {} of tenant {}: {} tracks, format {}", replace.productId(), tenant,
                replace.assets().size(), format);
        return Outcome.success("product", replace.productId(), 200, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.PRODUCT_ASSETS_REPLACED, SOURCE, replace.productId(),
                        new ProductAssetsReplaced(replace.productId(), replace.assets().size(), format,
                                command.requestId())));
    }

    static List<FieldError> unknownReferences(String tenant, List<ArtistRef> artistRefs,
                                                      List<AssetRef> assetRefs,
                                                      Map<ProductDao.Key, ProductDao.Artist> artists,
                                                      Map<ProductDao.Key, ProductDao.Asset> assets) {
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < artistRefs.size(); i++) {
            if (!artists.containsKey(new ProductDao.Key(tenant, artistRefs.get(i).id()))) {
                unknown.add(new FieldError("artists[" + i + "].id", "no artist " + artistRefs.get(i).id()
                        + " in this workspace"));
            }
        }
        for (int i = 0; i < assetRefs.size(); i++) {
            if (!assets.containsKey(new ProductDao.Key(tenant, assetRefs.get(i).asset()))) {
                unknown.add(new FieldError("assets[" + i + "].asset", "no asset " + assetRefs.get(i).asset()
                        + " in this workspace"));
            }
        }
        return unknown;
    }

    /** Label, copyright and publisher: the request's where given, else the primary artist's defaults. */
    private static Defaults defaults(Envelope<CreateProduct> command,
                                     Map<ProductDao.Key, ProductDao.Artist> artists) {
        CreateProduct product = command.payload();
        Optional<ProductDao.Artist> primary = product.artists().stream()
                .filter(artist -> artist.type() == null || "primary".equals(artist.type()))
                .findFirst()
                .map(artist -> artists.get(new ProductDao.Key(command.tenantId(), artist.id())));
        return new Defaults(
                product.label() != null ? product.label() : primary.map(ProductDao.Artist::label).orElse(null),
                product.copyright() != null ? product.copyright()
                        : primary.map(ProductDao.Artist::copyright).orElse(null),
                product.publisher() != null ? product.publisher()
                        : primary.map(ProductDao.Artist::publisher).orElse(null));
    }

    /** The format of a product with these tracks (null: none), by the thresholds of {@code catalog.format}. */
    String format(String tenant, List<AssetRef> tracks, Map<ProductDao.Key, ProductDao.Asset> assets) {
        List<Duration> durations = new ArrayList<>(tracks.size());
        for (AssetRef track : tracks) {
            Integer seconds = assets.get(new ProductDao.Key(tenant, track.asset())).durationSeconds();
            durations.add(seconds == null ? null : Duration.ofSeconds(seconds));
        }
        return FormatRule.decide(durations, thresholds).map(ProductFormat::jsonName).orElse(null);
    }

    private static Outcome created(Envelope<CreateProduct> command, ProductDao.Row row) {
        String productId = row.product().productId();
        log.trace("Created product {} of tenant {} with UPC {} (request {})", productId, row.tenantId(), row.upc(),
                command.requestId());
        return Outcome.success("product", productId, 201, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.PRODUCT_CREATED, SOURCE, productId,
                        new ProductCreated(productId, row.upc(), row.format(), command.requestId())));
    }

    private static Outcome rejection(Envelope<CreateProduct> command, int status, String message,
                                     List<FieldError> errors) {
        return rejection(command, command.payload().productId(), status, message, errors);
    }

    static Outcome rejection(Envelope<?> command, String productId, int status, String message,
                                     List<FieldError> errors) {
        log.info("Rejected {} for product {} of tenant {}: {} {}", command.type(), productId, command.tenantId(),
                message, errors);
        return Outcome.rejection("product", productId, status, message, errors, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.PRODUCT_REJECTED, SOURCE, productId,
                        new ProductRejected(productId, status, message, errors, command.requestId())));
    }

    private record Defaults(String label, String copyright, String publisher) {
    }

    /** A command that passed the state checks, waiting for its UPC. */
    private record Candidate(Envelope<CreateProduct> command, Defaults defaults, String format) {

        ProductDao.Row row(String upc, String upcKey, String upcNotice) {
            return new ProductDao.Row(command.id(), command.requestId(), command.tenantId(), command.payload(),
                    upc, upcKey, format, defaults.label(), defaults.copyright(), defaults.publisher(), upcNotice);
        }
    }

    private static Outcome idTaken(Envelope<CreateProduct> command) {
        return rejection(command, 409, "Product conflicts with an existing one", List.of(new FieldError("id",
                "a product with id " + command.payload().productId() + " already exists")));
    }
}
