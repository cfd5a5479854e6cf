package io.catalogingest.ingest.release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseAction;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.CommandRejected;
import io.catalogingest.common.release.CreateRelease;
import io.catalogingest.common.release.ReleaseCreated;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.ReleaseSubmitted;
import io.catalogingest.common.release.SubmitRelease;
import io.catalogingest.support.messaging.PoisonMessageException;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies release commands: creates drafts with their tracks and submits them for review. Each command runs in one
 * transaction with its dedupe mark and recorded outcome; the outcome event is published after the commit.
 */
@Service
class ReleaseIngestion implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.releases";
    private static final Logger log = LoggerFactory.getLogger(ReleaseIngestion.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;
    private final JsonMapper json;

    ReleaseIngestion(AppliedOnce appliedOnce, JsonMapper json) {
        this.appliedOnce = appliedOnce;
        this.json = json;
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.RELEASE_COMMANDS, ReleaseMessages.CREATE_RELEASE, KeyRule.uuidAggregate(), this::create)
                .each(Topics.RELEASE_COMMANDS, ReleaseMessages.SUBMIT_RELEASE, KeyRule.uuidAggregate(), this::submit);
    }

    void create(Envelope<CreateRelease> command) {
        applyOnce(command, handle -> {
            CreateRelease release = command.payload();
            if (!insert(handle.attach(ReleaseDao.class), command.tenantId(), command.requestId(), release)) {
                log.info("Rejected release {} of tenant {}: the id exists", release.releaseId(), command.tenantId());
                return rejection(command, release.releaseId(), 409, "A release with this id already exists",
                        List.of(new FieldError("id", "is taken")));
            }
            log.info("Created release {} of tenant {} with {} tracks (request {})", release.releaseId(),
                    command.tenantId(), release.tracks().size(), command.requestId());
            return Outcome.success("release", release.releaseId(), 201, Topics.RELEASE_EVENTS,
                    command.reply(ReleaseMessages.RELEASE_CREATED, SOURCE, release.releaseId(),
                            new ReleaseCreated(release.releaseId(), release.tracks().size())));
        });
    }

    void submit(Envelope<SubmitRelease> command) {
        applyOnce(command, handle -> {
            String releaseId = command.payload().releaseId();
            ReleaseId id = releaseId(releaseId);
            ReleaseDao releases = handle.attach(ReleaseDao.class);
            Optional<ReleaseStatus> status = releases.lockStatus(command.tenantId(), id);
            if (status.isEmpty()) {
                return rejection(command, releaseId, 404, "Release not found", List.of());
            }
            Optional<String> refusal = status.get().refusalOf(ReleaseAction.SUBMIT);
            if (refusal.isPresent()) {
                log.info("Refused to submit release {} of tenant {}: {}", releaseId, command.tenantId(), refusal.get());
                return rejection(command, releaseId, 400, refusal.get(),
                        List.of(new FieldError("status", refusal.get())));
            }
            int tracks = releases.trackCount(id);
            if (tracks == 0) {
                return rejection(command, releaseId, 400, "A release needs at least one track to be submitted",
                        List.of(new FieldError("tracks", "at least one track is required")));
            }
            Instant submittedAt = releases.markSubmitted(command.tenantId(), id);
            int media = releases.registeredMediaCount(id);
            log.info("Submitted release {} of tenant {} ({} tracks, {} media files)", releaseId, command.tenantId(),
                    tracks, media);
            return Outcome.success("release", releaseId, 200, Topics.RELEASE_EVENTS,
                    command.reply(ReleaseMessages.RELEASE_SUBMITTED, SOURCE, releaseId,
                            new ReleaseSubmitted(releaseId, submittedAt, tracks, media)));
        });
    }

    /** Inserts the release in draft with its tracks; false when its id exists. */
    private boolean insert(ReleaseDao releases, String tenantId, UUID requestId, CreateRelease release) {
        ReleaseId releaseId = releaseId(release.releaseId());
        if (!releases.insert(new ReleaseDao.NewRelease(tenantId, releaseId, release.ownerId(), release.title(),
                release.displayArtist(), json.writeValueAsString(release.artists()), release.format(), release.type(),
                release.version(), release.label(), release.copyright(), release.description(),
                release.mainGenre().toArray(String[]::new), release.subGenre().toArray(String[]::new),
                release.releaseDate(), release.preReleaseDate(), release.explicit(), text(release.contributors()),
                release.metadata() == null ? "{}" : release.metadata().toString(), requestId))) {
            return false;
        }
        List<ReleaseDao.NewTrack> tracks = release.tracks().stream().map(track -> new ReleaseDao.NewTrack(
                TrackId.parse(track.trackId()).orElseThrow(() -> new PoisonMessageException(
                        "release " + releaseId + " has a track whose id is not a UUID: " + track.trackId())),
                tenantId, releaseId, track.trackNumber(), track.title(), track.version(), track.isrc(), track.iswc(),
                track.duration(), track.displayArtist(), json.writeValueAsString(track.artists()), track.explicit(),
                track.language(), track.mainGenre().toArray(String[]::new), track.subGenre().toArray(String[]::new),
                text(track.contributors()), text(track.metadata()))).toList();
        if (!tracks.isEmpty()) {
            releases.insertTracks(tracks);
        }
        return true;
    }

    private static ReleaseId releaseId(String text) {
        // the listener checked that the record's key is a release id and the command names it
        return ReleaseId.parse(text).orElseThrow(() -> new PoisonMessageException(
                "release command for '" + text + "', which is not a release id"));
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }

    private <T> void applyOnce(Envelope<T> command, Function<Handle, Outcome> apply) {
        appliedOnce.apply(CONSUMER, command, (handle, same) -> apply.apply(handle));
    }

    private static Outcome rejection(Envelope<?> command, String releaseId, int status, String message,
                                     List<FieldError> errors) {
        return Outcome.rejection("release", releaseId, status, message, errors, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.COMMAND_REJECTED, SOURCE, releaseId,
                        new CommandRejected(releaseId, command.type(), status, message, errors)));
    }
}
