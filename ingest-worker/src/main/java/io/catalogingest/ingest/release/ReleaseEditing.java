package io.catalogingest.ingest.release;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.Ids;
import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.AddTrack;
import io.catalogingest.common.release.CommandRejected;
import io.catalogingest.common.release.DeleteRelease;
import io.catalogingest.common.release.DeleteTrack;
import io.catalogingest.common.release.LinkAsset;
import io.catalogingest.common.release.ReleaseCommand;
import io.catalogingest.common.release.ReleaseDeleted;
import io.catalogingest.common.release.ReleaseEdited;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.ReleaseTrack;
import io.catalogingest.common.release.ReorderTracks;
import io.catalogingest.common.release.TrackChanges;
import io.catalogingest.common.release.UpdateRelease;
import io.catalogingest.common.release.UpdateTrack;
import io.catalogingest.ingest.media.StoredObjects;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.messaging.PoisonMessageException;
import io.catalogingest.support.persistence.Applied;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the edits of a release in {@code draft} or {@code rejected} (its fields, its tracks: add, update, delete,
 * reorder, link an asset) and the deletion of a draft. Each command runs under the release's row lock in one
 * transaction with its dedupe mark and recorded outcome; track numbers stay 1..n. Deleted media's temporary objects are
 * deleted after the commit (an object left behind by a crash is the orphan sweeper's).
 */
@Service
class ReleaseEditing implements MessageHandlers {

    static final String CONSUMER = ReleaseIngestion.CONSUMER;
    private static final Logger log = LoggerFactory.getLogger(ReleaseEditing.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;
    private final StoredObjects objects;
    private final JsonMapper json;

    ReleaseEditing(AppliedOnce appliedOnce, StoredObjects objects, JsonMapper json) {
        this.appliedOnce = appliedOnce;
        this.objects = objects;
        this.json = json;
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.RELEASE_COMMANDS, ReleaseMessages.UPDATE_RELEASE, KeyRule.uuidAggregate(), this::update)
                .each(Topics.RELEASE_COMMANDS, ReleaseMessages.ADD_TRACK, KeyRule.uuidAggregate(), this::addTrack)
                .each(Topics.RELEASE_COMMANDS, ReleaseMessages.UPDATE_TRACK, KeyRule.uuidAggregate(), this::updateTrack)
                .each(Topics.RELEASE_COMMANDS, ReleaseMessages.DELETE_TRACK, KeyRule.uuidAggregate(), this::deleteTrack)
                .each(Topics.RELEASE_COMMANDS, ReleaseMessages.REORDER_TRACKS, KeyRule.uuidAggregate(), this::reorder)
                .each(Topics.RELEASE_COMMANDS, ReleaseMessages.LINK_ASSET, KeyRule.uuidAggregate(), this::linkAsset)
                .each(Topics.RELEASE_COMMANDS, ReleaseMessages.DELETE_RELEASE, KeyRule.uuidAggregate(), this::delete);
    }

    /** What an edit decided, and the temporary objects to delete once it committed. */
    private record Result(Outcome outcome, List<ReleaseEditDao.StoredObject> deletions) {

        static Result of(Outcome outcome) {
            return new Result(outcome, List.of());
        }
    }

    /** An edit of a release whose status allows edits, its row locked. */
    private interface Edit<T> {
        Result apply(Handle handle, ReleaseId releaseId, T command);
    }

    void update(Envelope<UpdateRelease> command) {
        edit(command, (handle, id, update) -> {
            ReleaseEditDao releases = handle.attach(ReleaseEditDao.class);
            ReleaseEditDao.ReleaseDates stored = releases.dates(id);
            LocalDate releaseDate = update.releaseDate() != null ? update.releaseDate() : stored.releaseDate();
            LocalDate preReleaseDate = update.preReleaseDate() != null ? update.preReleaseDate()
                    : stored.preReleaseDate();
            if (releaseDate != null && preReleaseDate != null && preReleaseDate.isAfter(releaseDate)) {
                return Result.of(rejection(command, 400, "Invalid release",
                        List.of(new FieldError("preReleaseDate", "must not be after releaseDate"))));
            }
            releases.update(new ReleaseEditDao.ReleaseChanges(command.tenantId(), id, update.title(),
                    update.displayArtist(), jsonOrNull(update.artists()), update.format(), update.type(),
                    update.version(), update.label(), update.copyright(), update.description(),
                    array(update.mainGenre()), array(update.subGenre()), update.releaseDate(),
                    update.preReleaseDate(), update.explicit(), text(update.contributors()),
                    text(update.metadata())));
            return edited(command, "release", null, releases.trackOrder(id).size());
        });
    }

    void addTrack(Envelope<AddTrack> command) {
        edit(command, (handle, id, add) -> {
            ReleaseEditDao releases = handle.attach(ReleaseEditDao.class);
            ReleaseTrack track = add.track();
            TrackId trackId = trackId(add.releaseId(), track.trackId());
            List<UUID> order = new ArrayList<>(releases.trackOrder(id));
            if (order.contains(trackId.value())) {
                return Result.of(rejection(command, 409, "A track with this id already exists",
                        List.of(new FieldError("trackId", "is taken"))));
            }
            handle.attach(ReleaseDao.class).insertTracks(List.of(newTrack(command.tenantId(), id, trackId,
                    order.size() + 1, track)));
            place(releases, id, order, trackId.value(), track.trackNumber());
            return edited(command, "track-added", trackId.value().toString(), order.size());
        });
    }

    void updateTrack(Envelope<UpdateTrack> command) {
        edit(command, (handle, id, update) -> {
            ReleaseEditDao releases = handle.attach(ReleaseEditDao.class);
            UUID trackId = trackId(update.releaseId(), update.trackId()).value();
            if (!releases.updateTrack(trackChanges(id, trackId, update.changes()))) {
                return Result.of(rejection(command, 404, "Track not found", List.of()));
            }
            return edited(command, "track-updated", trackId.toString(), releases.trackOrder(id).size());
        });
    }

    void deleteTrack(Envelope<DeleteTrack> command) {
        edit(command, (handle, id, delete) -> {
            ReleaseEditDao releases = handle.attach(ReleaseEditDao.class);
            UUID trackId = trackId(delete.releaseId(), delete.trackId()).value();
            List<ReleaseEditDao.StoredObject> files = releases.trackObjects(id, trackId);
            if (!releases.deleteTrack(id, trackId)) {
                return Result.of(rejection(command, 404, "Track not found", List.of()));
            }
            List<UUID> order = releases.trackOrder(id);
            renumber(releases, id, order);
            return new Result(edited(command, "track-deleted", trackId.toString(), order.size()).outcome(), files);
        });
    }

    void reorder(Envelope<ReorderTracks> command) {
        edit(command, (handle, id, reorder) -> {
            ReleaseEditDao releases = handle.attach(ReleaseEditDao.class);
            List<UUID> current = releases.trackOrder(id);
            List<UUID> wanted = new ArrayList<>();
            for (String text : reorder.trackOrder()) {
                Ids.uuid(text).ifPresent(wanted::add);
            }
            if (wanted.size() != reorder.trackOrder().size() || wanted.size() != current.size()
                    || !new HashSet<>(wanted).equals(new HashSet<>(current))) {
                return Result.of(rejection(command, 400, "trackOrder must name every track of the release once",
                        List.of(new FieldError("trackOrder", "must name each of the release's " + current.size()
                                + " tracks exactly once"))));
            }
            renumber(releases, id, wanted);
            return edited(command, "tracks-reordered", null, wanted.size());
        });
    }

    void linkAsset(Envelope<LinkAsset> command) {
        edit(command, (handle, id, link) -> {
            ReleaseEditDao releases = handle.attach(ReleaseEditDao.class);
            Optional<ReleaseEditDao.AssetDefaults> asset = releases.asset(command.tenantId(), link.assetId());
            if (asset.isEmpty()) {
                return Result.of(rejection(command, 404, "Asset not found",
                        List.of(new FieldError("assetId", "no such asset in this workspace"))));
            }
            TrackId trackId = trackId(link.releaseId(), link.trackId());
            List<UUID> order = new ArrayList<>(releases.trackOrder(id));
            if (order.contains(trackId.value())) {
                return Result.of(rejection(command, 409, "A track with this id already exists",
                        List.of(new FieldError("trackId", "is taken"))));
            }
            ReleaseEditDao.AssetDefaults defaults = asset.get();
            TrackChanges overrides = link.overrides();
            ReleaseTrack track = new ReleaseTrack(trackId.value().toString(), link.trackNumber(),
                    overrides.title() != null ? overrides.title() : defaults.title(), null,
                    defaults.isrc(), null,
                    defaults.durationSeconds() == null ? null : defaults.durationSeconds().doubleValue(),
                    defaults.displayArtist(), List.of(), false, null, List.of(), List.of(), null, null);
            handle.attach(ReleaseDao.class).insertTracks(List.of(newTrack(command.tenantId(), id, trackId,
                    order.size() + 1, track)));
            releases.updateTrack(trackChanges(id, trackId.value(), overrides));
            releases.linkAsset(id, trackId.value(), link.assetId());
            place(releases, id, order, trackId.value(), link.trackNumber());
            return edited(command, "asset-linked", trackId.value().toString(), order.size());
        });
    }

    void delete(Envelope<DeleteRelease> command) {
        String releaseId = command.payload().releaseId();
        ReleaseId id = releaseId(releaseId);
        appliedOnce.process(CONSUMER, command, (handle, same) -> {
            ReleaseDao locked = handle.attach(ReleaseDao.class);
            Optional<ReleaseStatus> status = locked.lockStatus(command.tenantId(), id);
            if (status.isEmpty()) {
                return Applied.recorded(rejection(command, 404, "Release not found", List.of()));
            }
            Optional<String> refusal = status.get().deleteRefusal();
            if (refusal.isPresent()) {
                return Applied.recorded(rejection(command, 400, refusal.get(),
                        List.of(new FieldError("status", refusal.get()))));
            }
            ReleaseEditDao releases = handle.attach(ReleaseEditDao.class);
            List<ReleaseEditDao.StoredObject> files = releases.releaseObjects(id);
            int tracks = releases.trackOrder(id).size();
            releases.deleteRelease(command.tenantId(), id);
            log.info("Deleted release {} of tenant {} with {} tracks and {} media files (request {})", releaseId,
                    command.tenantId(), tracks, files.size(), command.requestId());
            return deleting(Applied.recorded(Outcome.success("release", releaseId, 200, Topics.RELEASE_EVENTS,
                    command.reply(ReleaseMessages.RELEASE_DELETED, SOURCE, releaseId,
                            new ReleaseDeleted(releaseId, tracks, files.size())))), files);
        });
    }

    /** Applies an edit once, under the release's lock, if its status allows edits; refusals are recorded outcomes. */
    private <T extends ReleaseCommand> void edit(Envelope<T> command, Edit<T> edit) {
        String releaseId = command.payload().releaseId();
        ReleaseId id = releaseId(releaseId);
        appliedOnce.process(CONSUMER, command, (handle, same) -> {
            Optional<ReleaseStatus> status = handle.attach(ReleaseDao.class).lockStatus(command.tenantId(), id);
            if (status.isEmpty()) {
                return Applied.recorded(rejection(command, 404, "Release not found", List.of()));
            }
            Optional<String> refusal = status.get().editRefusal();
            if (refusal.isPresent()) {
                log.info("Refused {} of release {} of tenant {}: {}", command.type(), releaseId,
                        command.tenantId(), refusal.get());
                return Applied.recorded(rejection(command, 400, refusal.get(),
                        List.of(new FieldError("status", refusal.get()))));
            }
            Result result = edit.apply(handle, id, same.payload());
            log.info("{} release {} of tenant {}: {} (request {})", result.outcome().succeeded() ? "Edited"
                    : "Refused edit of", releaseId, command.tenantId(), command.type(), command.requestId());
            return deleting(Applied.recorded(result.outcome()), result.deletions());
        });
    }

    private Applied deleting(Applied applied, List<ReleaseEditDao.StoredObject> files) {
        Applied result = applied;
        for (ReleaseEditDao.StoredObject file : files) {
            result = result.andAfterCommit(() -> objects.delete(file.bucket(), file.uploadKey()));
        }
        return result;
    }

    /** Puts a track just appended (last) at {@code position} (1-based; past the end: last) and renumbers 1..n. */
    private static void place(ReleaseEditDao releases, ReleaseId id, List<UUID> others, UUID trackId, int position) {
        List<UUID> order = new ArrayList<>(others);
        order.add(Math.max(0, Math.min(position, others.size() + 1) - 1), trackId);
        if (!order.get(order.size() - 1).equals(trackId)) {
            renumber(releases, id, order);
        }
        others.add(trackId);
    }

    private static void renumber(ReleaseEditDao releases, ReleaseId id, List<UUID> order) {
        releases.parkNumbers(id);
        releases.number(id, order.stream().map(UUID::toString).toArray(String[]::new));
    }

    private ReleaseDao.NewTrack newTrack(String tenantId, ReleaseId releaseId, TrackId trackId, int number,
                                         ReleaseTrack track) {
        return new ReleaseDao.NewTrack(trackId, tenantId, releaseId, number, track.title(), track.version(),
                track.isrc(), track.iswc(), track.duration(), track.displayArtist(),
                json.writeValueAsString(track.artists()), track.explicit(), track.language(),
                track.mainGenre().toArray(String[]::new), track.subGenre().toArray(String[]::new),
                text(track.contributors()), text(track.metadata()));
    }

    private ReleaseEditDao.TrackChanges trackChanges(ReleaseId releaseId, UUID trackId, TrackChanges changes) {
        return new ReleaseEditDao.TrackChanges(releaseId, trackId, changes.title(), changes.version(), changes.isrc(),
                changes.iswc(), changes.duration(), changes.displayArtist(), jsonOrNull(changes.artists()),
                changes.explicit(), changes.language(), array(changes.mainGenre()), array(changes.subGenre()),
                text(changes.contributors()), text(changes.metadata()));
    }

    private static Result edited(Envelope<?> command, String change, String trackId, int trackCount) {
        String releaseId = command.subject();
        return Result.of(Outcome.success("release", releaseId, change.equals("track-added")
                        || change.equals("asset-linked") ? 201 : 200, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.RELEASE_EDITED, SOURCE, releaseId,
                        new ReleaseEdited(releaseId, change, trackId, trackCount))));
    }

    private static Outcome rejection(Envelope<?> command, int status, String message, List<FieldError> errors) {
        String releaseId = command.subject();
        return Outcome.rejection("release", releaseId, status, message, errors, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.COMMAND_REJECTED, SOURCE, releaseId,
                        new CommandRejected(releaseId, command.type(), status, message, errors)));
    }

    private String jsonOrNull(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private static String[] array(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static ReleaseId releaseId(String text) {
        return ReleaseId.parse(text).orElseThrow(() -> new PoisonMessageException(
                "release command for '" + text + "', which is not a release id"));
    }

    private static TrackId trackId(String releaseId, String text) {
        return TrackId.parse(text).orElseThrow(() -> new PoisonMessageException(
                "command for release " + releaseId + " names a track whose id is not a UUID: " + text));
    }

}
