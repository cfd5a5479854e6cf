package io.catalogingest.ingest.autocreation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.Ids;
import io.catalogingest.common.Messages;
import io.catalogingest.common.catalog.ArtistRef;
import io.catalogingest.common.catalog.AssetCreated;
import io.catalogingest.common.catalog.AssetRef;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.catalog.ProductCreated;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.common.envelope.MessageTypes;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.MediaStatus;
import io.catalogingest.common.promotion.CreateProductFromRelease;
import io.catalogingest.common.promotion.ProductCreatedFromRelease;
import io.catalogingest.common.promotion.ProductFromReleaseFailed;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.ingest.product.ProductIngestion;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.persistence.Announcement;
import io.catalogingest.support.persistence.Applied;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-creation (Royalti's "auto-creation pipeline"): makes the catalog entries of an approved release whose media
 * are promoted, in ONE transaction —
 * <ul>
 *   <li>the release's artists: a UUID of an existing artist links it, a name links the tenant's artist of that name
 *       or creates one;</li>
 *   <li>an asset per track (a track already linked to an asset reuses it), with the track's title, version, ISRC
 *       and display artist, its duration measured from its file (else the declared one), Audio or Video from the
 *       file; the track is linked to it;</li>
 *   <li>the product, through the product feature's own rules ({@link ProductIngestion#createInTransaction}): UPC
 *       from the release's {@code metadata.upc} or allocated, format from the assets' durations, label/copyright
 *       from the release or else (with the publisher) the primary artist's defaults;</li>
 *   <li>the release-level files as product media, each track's file as its asset's media.</li>
 * </ul>
 * If the product cannot be made (invalid or taken UPC, exhausted block, ...) nothing of the above stays and the
 * answer is {@link ProductFromReleaseFailed}; else {@link ProductCreatedFromRelease}, after the AssetCreated and
 * ProductCreated events of what was created. The answer is recorded beside the release in the same transaction, so
 * a redelivered command announces the same answer (same event id) and creates nothing.
 */
@Service
class ReleaseProductCreation implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.release-products";
    private static final Logger log = LoggerFactory.getLogger(ReleaseProductCreation.class);
    private static final String SOURCE = "/ingest-worker";
    private static final String SAVEPOINT = "before_catalog_entries";

    private final AppliedOnce appliedOnce;
    private final ProductIngestion products;
    private final JsonMapper json;
    private final MessageTypes types = Messages.registry();

    ReleaseProductCreation(AppliedOnce appliedOnce, ProductIngestion products, JsonMapper json) {
        this.appliedOnce = appliedOnce;
        this.products = products;
        this.json = json;
    }

    /** Each command in a transaction of its own (the approval-worker sends them one release at a time). */
    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.CATALOG_COMMANDS, PromotionMessages.CREATE_PRODUCT_FROM_RELEASE, KeyRule.aggregate(),
                this::create);
    }

    /** Applies one command: one transaction, then its events. */
    void create(Envelope<CreateProductFromRelease> command) {
        appliedOnce.process(CONSUMER, command, AppliedOnce.Step.of(
                (handle, same) -> Applied.announcing(catalogEvents(apply(handle, same))), this::repeated));
    }

    /** A redelivered command: its recorded answer is announced again (same event id); nothing is created. */
    private Applied repeated(Handle handle, Envelope<CreateProductFromRelease> command,
                             Optional<Announcement> recordedOutcome) {
        log.info("Command {} was applied before; announcing its recorded answer again", command.id());
        List<Envelope<?>> answer = uuid(command.payload().releaseId())
                .flatMap(id -> handle.attach(ReleaseCatalogDao.class).recorded(id)).map(this::event)
                .map(List::<Envelope<?>>of).orElse(List.of());
        return Applied.announcing(catalogEvents(answer));
    }

    private static List<Announcement> catalogEvents(List<Envelope<?>> events) {
        return events.stream().map(event -> new Announcement(Topics.CATALOG_EVENTS, event)).toList();
    }

    private List<Envelope<?>> apply(Handle handle, Envelope<CreateProductFromRelease> command) {
        CreateProductFromRelease request = command.payload();
        ReleaseCatalogDao catalog = handle.attach(ReleaseCatalogDao.class);
        Optional<UUID> releaseId = uuid(request.releaseId());
        if (releaseId.isEmpty() || request.productId() == null || request.productId().isBlank()) {
            return List.of(failure(command, 400, "Invalid command: releaseId must be a UUID and productId given",
                    List.of()));
        }
        Optional<ReleaseCatalogDao.Recorded> earlier = catalog.recorded(releaseId.get());
        if (earlier.isPresent() && earlier.get().succeeded()) {
            log.info("Release {} already has its catalog entries (product {}); announcing them again",
                    releaseId.get(), earlier.get().productId());
            return List.of(event(earlier.get()));
        }
        String tenant = command.tenantId();
        Optional<ReleaseCatalogDao.Release> found = catalog.lockRelease(tenant, releaseId.get());
        if (found.isEmpty()) {
            return List.of(recordFailure(catalog, command, releaseId.get(), 404, "Release not found", List.of()));
        }
        ReleaseCatalogDao.Release release = found.get();
        if (release.status() != ReleaseStatus.APPROVED) {
            return List.of(recordFailure(catalog, command, releaseId.get(), 409, "Release is '"
                    + release.status().jsonName() + "'; catalog entries are made only for an approved release",
                    List.of()));
        }
        List<ReleaseCatalogDao.Media> media = catalog.media(tenant, release.id());
        List<FieldError> unpromoted = media.stream().filter(file -> file.status() != MediaStatus.PROMOTED)
                .map(file -> new FieldError("media", "file " + file.id() + " is not promoted yet")).toList();
        if (!unpromoted.isEmpty()) {
            return List.of(recordFailure(catalog, command, release.id(), 409,
                    "The release's media are not all in permanent storage", unpromoted));
        }
        handle.savepoint(SAVEPOINT);
        List<Envelope<?>> events = new ArrayList<>();
        List<ArtistRef> artists = artists(catalog, tenant, release);
        List<ReleaseCatalogDao.Track> tracks = catalog.tracks(tenant, release.id());
        Map<UUID, String> assetOfTrack = new LinkedHashMap<>();
        List<ProductCreatedFromRelease.Track> madeTracks = new ArrayList<>();
        for (ReleaseCatalogDao.Track track : tracks) {
            List<ReleaseCatalogDao.Media> files = media.stream()
                    .filter(file -> track.id().equals(file.trackId())).toList();
            boolean reuse = track.assetId() != null && catalog.assetExists(tenant, track.assetId());
            String assetId = reuse ? track.assetId() : UUID.randomUUID().toString();
            if (!reuse) {
                catalog.insertAsset(tenant, assetId, track.title(), track.displayArtist() != null
                                ? track.displayArtist() : release.displayArtist(), track.isrc(), duration(track, files),
                        assetType(release, files), command.requestId());
                catalog.linkTrack(track.id(), assetId);
                events.add(command.reply(CatalogMessages.ASSET_CREATED, SOURCE, assetId,
                        new AssetCreated(assetId, track.isrc(), command.requestId())));
            }
            files.forEach(file -> catalog.attachAssetMedia(tenant, assetId, file.id()));
            assetOfTrack.put(track.id(), assetId);
            madeTracks.add(new ProductCreatedFromRelease.Track(track.id().toString(), track.number(), assetId, !reuse,
                    files.size()));
        }
        CreateProduct product = product(request.productId(), release, artists, tracks, assetOfTrack);
        Outcome outcome = products.createInTransaction(handle, new Envelope<>(command.id(), SOURCE,
                CatalogMessages.CREATE_PRODUCT.id(), command.time(), request.productId(), tenant,
                command.requestId(), product));
        if (!outcome.succeeded()) {
            handle.rollbackToSavepoint(SAVEPOINT);
            return List.of(recordFailure(catalog, command, release.id(), outcome.httpStatus(),
                    "The product of the release could not be created: " + outcome.message(), outcome.errors()));
        }
        ProductCreated created = (ProductCreated) outcome.event().payload();
        int position = 0;
        for (ReleaseCatalogDao.Media file : media) {
            if (file.trackId() == null) {
                catalog.attachProductMedia(tenant, request.productId(), file.id(), ++position);
            }
        }
        events.add(outcome.event());
        Envelope<ProductCreatedFromRelease> answer = command.reply(PromotionMessages.PRODUCT_CREATED_FROM_RELEASE,
                SOURCE, request.productId(), new ProductCreatedFromRelease(release.id().toString(),
                        request.productId(), created.upc(), created.format(), madeTracks, position));
        catalog.record(release.id(), tenant, request.productId(), command.id(), true, answer.id(),
                answer.type(), json.writeValueAsString(answer.payload()));
        events.add(answer);
        log.info("Made the catalog entries of release {} of tenant {}: product {} (UPC {}, {}), {} tracks, {} files",
                release.id(), tenant, request.productId(), created.upc(), created.format(), tracks.size(),
                media.size());
        return events;
    }

    /** The release's artists as product artists, creating those given by a name the tenant does not have yet. */
    private List<ArtistRef> artists(ReleaseCatalogDao catalog, String tenant, ReleaseCatalogDao.Release release) {
        List<ArtistRef> artists = new ArrayList<>();
        JsonNode credits = release.artistsJson() == null ? null : json.readTree(release.artistsJson());
        if (credits == null || !credits.isArray()) {
            return artists;
        }
        List<String> seen = new ArrayList<>();
        for (JsonNode credit : credits) {
            String value = text(credit.get("artist"));
            if (value == null) {
                continue;
            }
            String type = "featuring".equals(text(credit.get("type"))) ? "featuring" : "primary";
            String id = catalog.findArtist(tenant, value).orElseGet(() -> {
                if (Ids.uuid(value).isPresent()) {
                    // a UUID the tenant has no artist for: keep it as the new artist's id and name
                    catalog.insertArtist(tenant, value, value);
                    return value;
                }
                String created = UUID.randomUUID().toString();
                catalog.insertArtist(tenant, created, value);
                return created;
            });
            if (!seen.contains(id)) {
                seen.add(id);
                artists.add(new ArtistRef(id, type));
            }
        }
        return artists;
    }

    private CreateProduct product(String productId, ReleaseCatalogDao.Release release, List<ArtistRef> artists,
                                  List<ReleaseCatalogDao.Track> tracks, Map<UUID, String> assetOfTrack) {
        JsonNode metadata = release.metadataJson() == null ? null : json.readTree(release.metadataJson());
        String upc = metadata == null ? null : text(metadata.get("upc"));
        String catalogNumber = metadata == null ? null : text(metadata.get("catalogNumber"));
        List<AssetRef> assets = tracks.stream()
                .map(track -> new AssetRef(assetOfTrack.get(track.id()), track.number())).toList();
        return new CreateProduct(productId, release.title(), upc, catalogNumber, null, release.displayArtist(),
                "Video".equalsIgnoreCase(release.type()) ? "Video" : "Audio", release.version(),
                "explicit".equals(release.explicit()), release.releaseDate(), null,
                release.mainGenre().isEmpty() ? null : release.mainGenre().get(0),
                release.subGenre().isEmpty() ? null : release.subGenre().get(0), "active", release.label(),
                release.copyright(), null, artists, assets,
                release.contributorsJson() == null ? null : json.readTree(release.contributorsJson()), null, metadata);
    }

    /** Whole seconds: measured from the track's audio or video file, else as declared, else unknown. */
    private static Integer duration(ReleaseCatalogDao.Track track, List<ReleaseCatalogDao.Media> files) {
        Optional<Double> measured = files.stream()
                .filter(file -> "audio".equals(file.type()) || "video".equals(file.type()))
                .map(ReleaseCatalogDao.Media::duration).filter(d -> d != null && d >= 0).findFirst();
        Double seconds = measured.orElse(track.declaredDuration());
        return seconds == null ? null : (int) Math.round(seconds);
    }

    private static String assetType(ReleaseCatalogDao.Release release, List<ReleaseCatalogDao.Media> files) {
        if (files.stream().anyMatch(file -> "video".equals(file.type()))) {
            return "Video";
        }
        if (files.stream().anyMatch(file -> "audio".equals(file.type()))) {
            return "Audio";
        }
        return "Video".equalsIgnoreCase(release.type()) ? "Video" : "Audio";
    }

    private Envelope<ProductFromReleaseFailed> failure(Envelope<CreateProductFromRelease> command, int status,
                                                       String message, List<FieldError> errors) {
        String productId = command.payload().productId() == null ? command.subject() : command.payload().productId();
        log.info("Auto-creation for release {} of tenant {} failed: {} {}", command.payload().releaseId(),
                command.tenantId(), message, errors);
        return command.reply(PromotionMessages.PRODUCT_FROM_RELEASE_FAILED, SOURCE, productId,
                new ProductFromReleaseFailed(command.payload().releaseId(), productId, status, message, errors));
    }

    private Envelope<?> recordFailure(ReleaseCatalogDao catalog, Envelope<CreateProductFromRelease> command,
                                      UUID releaseId, int status, String message, List<FieldError> errors) {
        Envelope<ProductFromReleaseFailed> answer = failure(command, status, message, errors);
        catalog.record(releaseId, command.tenantId(), answer.payload().productId(), command.id(), false, answer.id(),
                answer.type(), json.writeValueAsString(answer.payload()));
        return answer;
    }

    /** The recorded answer, rebuilt with its original id. */
    private Envelope<?> event(ReleaseCatalogDao.Recorded recorded) {
        MessageType<?> type = types.byId(recorded.eventType()).orElseThrow(() ->
                new IllegalStateException("recorded answer type is unknown: " + recorded.eventType()));
        Object payload = json.readValue(recorded.eventPayload(), type.payloadClass());
        return new Envelope<>(recorded.eventId(), SOURCE, type.id(), Instant.now(), recorded.productId(),
                recorded.tenantId(), null, payload);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String value = node.isString() ? node.asString() : node.toString();
        return value.isBlank() ? null : value.strip();
    }

    private static Optional<UUID> uuid(String text) {
        return Ids.uuid(text);
    }
}
