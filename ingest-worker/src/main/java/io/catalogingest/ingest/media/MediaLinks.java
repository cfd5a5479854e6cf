package io.catalogingest.ingest.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.MediaId;
import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.MediaLinkRegistered;
import io.catalogingest.common.release.MediaRejected;
import io.catalogingest.common.release.RegisterMediaLink;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.messaging.PoisonMessageException;
import io.catalogingest.support.persistence.Applied;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;
import io.catalogingest.support.storage.StorageProperties;

/**
 * Registers external media links ({@code isLink: true}) as media of their release (docs/adr/0022). Nothing is fetched
 * here: under the release's row lock, with the dedupe mark, the status is checked (draft or rejected), the track too,
 * and the link is recorded as the row of its media key — replacing an earlier file or link of that key, and for a
 * track every other file of the track (one audio or video per track), whose temporary objects are deleted after the
 * commit. Events: {@code MediaLinkRegistered}, or {@code MediaRejected} with the refusal.
 */
@Service
class MediaLinks implements MessageHandlers {

    private static final Logger log = LoggerFactory.getLogger(MediaLinks.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;
    private final StoredObjects objects;
    private final StorageProperties storage;

    MediaLinks(AppliedOnce appliedOnce, StoredObjects objects, StorageProperties storage) {
        this.appliedOnce = appliedOnce;
        this.objects = objects;
        this.storage = storage;
    }

    private record Result(Outcome outcome, List<String> deletions) {
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.RELEASE_COMMANDS, ReleaseMessages.REGISTER_MEDIA_LINK, KeyRule.uuidAggregate(),
                this::register);
    }

    void register(Envelope<RegisterMediaLink> command) {
        RegisterMediaLink link = command.payload();
        requireOwnKeys(command.tenantId(), link);
        // the same consumer as uploads: a link and an upload of one media key are one sequence of changes
        appliedOnce.process(MediaRegistration.CONSUMER, command, (handle, same) -> {
            Result result = apply(handle, same);
            Applied applied = Applied.recorded(result.outcome());
            for (String key : result.deletions()) {
                applied = applied.andAfterCommit(() -> objects.delete(storage.tempBucket(), key));
            }
            return applied.andAfterCommit(() -> log.info("Link {} of release {} (media {}, request {}): {}",
                    link.objectKey(), link.releaseId(), link.mediaId(), command.requestId(),
                    result.outcome().succeeded() ? "registered" : result.outcome().message()));
        });
    }

    private Result apply(Handle handle, Envelope<RegisterMediaLink> command) {
        RegisterMediaLink link = command.payload();
        String tenant = command.tenantId();
        ReleaseId releaseId = ReleaseId.parse(link.releaseId()).orElseThrow();
        MediaDao store = handle.attach(MediaDao.class);
        Optional<ReleaseStatus> status = store.lockStatus(tenant, releaseId);
        if (status.isEmpty()) {
            return new Result(rejected(command, 404, "Release not found"), List.of());
        }
        TrackId trackId = link.trackId() == null ? null : TrackId.parse(link.trackId()).orElseThrow(() ->
                new PoisonMessageException("link for track '" + link.trackId() + "', which is not a track id"));
        if (trackId != null && !store.trackExists(releaseId, trackId)) {
            return new Result(rejected(command, 404, "Track not found"), List.of());
        }
        Optional<String> closed = status.get().mediaChangeRefusal();
        if (closed.isPresent()) {
            return new Result(rejected(command, 400, closed.get()), List.of());
        }
        List<String> deletions = new ArrayList<>();
        List<String> replacedKeys = new ArrayList<>();
        store.byKey(tenant, link.objectKey())
                .filter(earlier -> !earlier.uploadKey().equals(link.uploadKey()))
                .ifPresent(earlier -> deletions.add(earlier.uploadKey()));
        MediaId mediaId = MediaId.parse(link.mediaId()).orElseThrow(() -> new PoisonMessageException(
                "link command with a media id that is not a UUID: " + link.mediaId()));
        store.upsertLink(new MediaDao.Link(mediaId, tenant, releaseId, trackId, storage.tempBucket(),
                link.objectKey(), link.uploadKey(), link.name(), link.type() == null ? null : link.type().jsonName(),
                link.url(), link.submittedAt(), command.requestId()));
        if (trackId != null) {
            for (MediaDao.Row earlier : store.otherTrackFiles(tenant, releaseId, trackId, link.objectKey())) {
                store.delete(earlier.id());
                deletions.add(earlier.uploadKey());
                replacedKeys.add(earlier.objectKey());
            }
        }
        MediaLinkRegistered event = new MediaLinkRegistered(link.mediaId(), link.releaseId(), link.trackId(),
                link.objectKey(), link.name(), link.type(), replacedKeys);
        return new Result(Outcome.success("media", link.objectKey(), 201, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.MEDIA_LINK_REGISTERED, SOURCE, link.releaseId(), event)), deletions);
    }

    private static Outcome rejected(Envelope<RegisterMediaLink> command, int status, String reason) {
        RegisterMediaLink link = command.payload();
        String field = link.trackId() != null ? "url" : "links";
        return Outcome.rejection("media", link.objectKey(), status, reason,
                List.of(new FieldError(field, reason)), Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.MEDIA_REJECTED, SOURCE, link.releaseId(),
                        new MediaRejected(link.mediaId(), link.releaseId(), link.trackId(), link.objectKey(),
                                link.name(), status, reason, false)));
    }

    /** A link may only name keys of its own tenant's release: anything else is a forged or broken record. */
    private static void requireOwnKeys(String tenantId, RegisterMediaLink link) {
        String prefix;
        try {
            prefix = StorageKeys.releasePrefix(tenantId, link.releaseId());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("link command with an invalid tenant or release id: " + e.getMessage());
        }
        if (ReleaseId.parse(link.releaseId()).isEmpty() || link.objectKey() == null
                || !link.objectKey().startsWith(prefix) || link.objectKey().contains("/../")
                || link.uploadKey() == null || !StorageKeys.isUploadOf(tenantId, link.releaseId(), link.uploadKey())
                || link.url() == null || link.url().isBlank()) {
            throw new PoisonMessageException("link command for release " + link.releaseId() + " of tenant "
                    + tenantId + " names keys outside it, or no URL");
        }
    }
}
