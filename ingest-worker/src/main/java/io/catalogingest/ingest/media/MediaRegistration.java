package io.catalogingest.ingest.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.MediaId;
import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.CommandRejected;
import io.catalogingest.common.release.DeleteMedia;
import io.catalogingest.common.release.MediaDeleted;
import io.catalogingest.common.release.MediaProperties;
import io.catalogingest.common.release.MediaRegistered;
import io.catalogingest.common.release.MediaRejected;
import io.catalogingest.common.release.MediaStatus;
import io.catalogingest.common.release.RegisterMedia;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.messaging.PoisonMessageException;
import io.catalogingest.support.persistence.Applied;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;
import io.catalogingest.support.storage.StorageProperties;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers uploaded files as media of their release after inspecting their bytes, and deletes media.
 *
 * <p>Each upload is its own immutable object in the temporary bucket (its upload key); the media row of a media key
 * (cloudId) records which upload it registered, with that object's size, SHA-256 (computed by the gateway while
 * streaming) and ETag. Register: the object is inspected first (S3 reads, outside any transaction); then, in one
 * transaction with the dedupe mark, the release's status is re-checked under its row lock — a submit that overtook
 * the upload wins: the file is refused and its object deleted, and the files registered before the submit are
 * untouched — and the verdict is recorded. A new upload of a media key replaces the row, then the old upload's object
 * is deleted. Objects are deleted after the commit (a crash before that leaves an object no row owns, which the orphan
 * cleanup removes). Events: {@code MediaRegistered}, {@code MediaRejected}, {@code MediaDeleted},
 * {@code CommandRejected}.
 */
@Service
class MediaRegistration implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.media";
    private static final Logger log = LoggerFactory.getLogger(MediaRegistration.class);
    private static final String SOURCE = "/ingest-worker";

    private final Jdbi jdbi;
    private final AppliedOnce appliedOnce;
    private final JsonMapper json;
    private final StoredObjects objects;
    private final MediaInspector inspector;
    private final StorageProperties storage;

    MediaRegistration(Jdbi jdbi, AppliedOnce appliedOnce, JsonMapper json, StoredObjects objects,
                      MediaInspector inspector, StorageProperties storage) {
        this.jdbi = jdbi;
        this.appliedOnce = appliedOnce;
        this.json = json;
        this.objects = objects;
        this.inspector = inspector;
        this.storage = storage;
    }

    /** What looking at the object came to, before the transaction. */
    private sealed interface Verdict {
    }

    /** The file passed inspection. */
    private record Accepted(Inspection inspection) implements Verdict {
    }

    /** The file's bytes are refused: the key's row records the refusal and the object is deleted. */
    private record Refused(String reason) implements Verdict {
    }

    /** The object is not the one this command uploaded (replaced by a later upload, or gone): nothing changes. */
    private record Stale(String reason) implements Verdict {
    }

    /** The release was not open for media when we looked; re-checked under the lock. */
    private record Closed() implements Verdict {
    }

    /** What the transaction decided, and the objects to delete once it committed. */
    private record Result(Outcome outcome, List<StoredKey> deletions) {
    }

    private record StoredKey(String bucket, String key) {
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.RELEASE_COMMANDS, ReleaseMessages.REGISTER_MEDIA, KeyRule.uuidAggregate(), this::register)
                .each(Topics.RELEASE_COMMANDS, ReleaseMessages.DELETE_MEDIA, KeyRule.uuidAggregate(), this::delete);
    }

    void register(Envelope<RegisterMedia> command) {
        RegisterMedia media = command.payload();
        requireOwnKey(command.tenantId(), media.releaseId(), media.bucket(), media.objectKey());
        if (media.uploadKey() != null && !StorageKeys.isUploadOf(command.tenantId(), media.releaseId(), media.uploadKey())) {
            throw new PoisonMessageException("media command names upload " + media.uploadKey()
                    + ", which is not an upload key of release " + media.releaseId());
        }
        // a command applied before is not inspected again: the one path only announces its recorded outcome
        Verdict verdict = appliedOnce.appliedBefore(CONSUMER, command.id()) ? null : examine(command);
        appliedOnce.process(CONSUMER, command, (handle, same) -> {
            Result result = apply(handle, same, verdict);
            return applied(result, () -> log.info("{} {} of release {} (request {})", result.outcome().succeeded()
                    ? "Registered" : "Rejected (" + result.outcome().message() + ")", media.objectKey(),
                    media.releaseId(), command.requestId()));
        });
    }

    void delete(Envelope<DeleteMedia> command) {
        DeleteMedia delete = command.payload();
        requireOwnKey(command.tenantId(), delete.releaseId(), storage.tempBucket(), delete.objectKey());
        appliedOnce.process(CONSUMER, command, (handle, same) -> {
            Result result = applyDelete(handle, same);
            return applied(result, () -> log.info("Delete of {} of release {}: {}", delete.objectKey(),
                    delete.releaseId(), result.outcome().succeeded() ? "done" : result.outcome().message()));
        });
    }

    /** The outcome recorded and announced; once committed, the objects are deleted and the result logged. */
    private Applied applied(Result result, Runnable logResult) {
        Applied applied = Applied.recorded(result.outcome());
        for (StoredKey deletion : result.deletions()) {
            applied = applied.andAfterCommit(() -> objects.delete(deletion.bucket(), deletion.key()));
        }
        return applied.andAfterCommit(logResult);
    }

    /**
     * A command may only name an object of its own tenant's release in the temporary bucket: anything else is a
     * forged or broken record, never applied (invariant 6).
     */
    private void requireOwnKey(String tenantId, String releaseId, String bucket, String objectKey) {
        String prefix;
        try {
            prefix = StorageKeys.releasePrefix(tenantId, releaseId);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("media command with an invalid tenant or release id: " + e.getMessage());
        }
        if (!storage.tempBucket().equals(bucket) || objectKey == null || !objectKey.startsWith(prefix)
                || objectKey.contains("/../") || objectKey.endsWith("/..")) {
            throw new PoisonMessageException("media command names " + bucket + "/" + objectKey
                    + ", which is not an upload of release " + releaseId + " of tenant " + tenantId);
        }
    }

    private Verdict examine(Envelope<RegisterMedia> command) {
        RegisterMedia media = command.payload();
        Optional<ReleaseStatus> status = jdbi.withHandle(handle ->
                handle.attach(MediaDao.class).status(command.tenantId(), releaseId(media.releaseId())));
        if (status.isEmpty() || !status.get().acceptsMediaChanges()) {
            return new Closed(); // no need to read the object; decided under the lock below
        }
        Optional<StoredObjects.Stat> stat = objects.stat(media.bucket(), media.storedKey());
        if (stat.isEmpty()) {
            return new Stale("The uploaded file is gone from storage (deleted meanwhile)");
        }
        // the upload's object is immutable: it must be exactly what the gateway streamed and S3 acknowledged
        Optional<String> mismatch = mismatch(media, stat.get());
        if (mismatch.isPresent()) {
            return new Stale("The stored file is not the one uploaded: " + mismatch.get());
        }
        try {
            return new Accepted(inspector.inspect(objects.source(media.bucket(), media.storedKey(), stat.get().size()),
                    media.clientFileName() != null ? media.clientFileName() : media.name(), media.trackId() != null));
        } catch (MediaRefusedException e) {
            return new Refused(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not inspect " + media.objectKey(), e); // transient: retried
        }
    }

    /** How an object differs from what its RegisterMedia says was stored (size, ETag, sha256 metadata), if it does. */
    private static Optional<String> mismatch(RegisterMedia media, StoredObjects.Stat stat) {
        if (stat.size() != media.size()) {
            return Optional.of("size " + stat.size() + ", uploaded " + media.size());
        }
        if (media.etag() != null && stat.etag() != null && !StoredObjects.unquoted(stat.etag()).equals(media.etag())) {
            return Optional.of("ETag " + stat.etag() + ", uploaded " + media.etag());
        }
        if (stat.sha256() != null && !stat.sha256().equalsIgnoreCase(media.sha256())) {
            return Optional.of("sha256 " + stat.sha256() + ", uploaded " + media.sha256());
        }
        return Optional.empty();
    }

    private Result apply(Handle handle, Envelope<RegisterMedia> command, Verdict verdict) {
        RegisterMedia media = command.payload();
        String tenant = command.tenantId();
        StoredKey uploaded = new StoredKey(media.bucket(), media.storedKey());
        MediaDao store = handle.attach(MediaDao.class);
        Optional<ReleaseStatus> status = store.lockStatus(tenant, releaseId(media.releaseId()));
        if (status.isEmpty()) {
            return new Result(rejected(command, 404, "Release not found", true), List.of(uploaded));
        }
        if (media.trackId() != null && !store.trackExists(releaseId(media.releaseId()), trackId(media))) {
            return new Result(rejected(command, 404, "Track not found", true), List.of(uploaded));
        }
        Optional<String> closed = status.get().mediaChangeRefusal();
        if (closed.isPresent()) {
            // a submit overtook the upload: the file is not part of the release and its own object goes; a file
            // registered under the same media key before the submit keeps its row and its (separate) object
            if (media.uploadKey() == null && store.byKey(tenant, media.objectKey())
                    .filter(row -> row.status() != MediaStatus.REJECTED).isPresent()) {
                // a command from before upload keys, whose object is the registered one's: leave it
                return new Result(rejected(command, 400, closed.get(), false), List.of());
            }
            return new Result(rejected(command, 400, closed.get(), true), List.of(uploaded));
        }
        if (verdict instanceof Accepted accepted) {
            return registered(store, command, accepted.inspection());
        }
        if (verdict instanceof Refused refused) {
            // recorded only where no registered file holds the media key: a refused re-upload leaves that file be
            store.upsertOverRejected(verdict(command, MediaStatus.REJECTED, null, null, refused.reason(), "{}"));
            return new Result(rejected(command, 400, refused.reason(), true), List.of(uploaded));
        }
        if (verdict instanceof Stale stale) {
            return new Result(rejected(command, 409, stale.reason(), false), List.of());
        }
        // Closed when we looked, open now: a review rejected the submitted release in between. Throwing rolls back
        // the claim; the redelivered command inspects the file.
        throw new IllegalStateException("release " + media.releaseId() + " reopened while the upload was examined");
    }

    private Result registered(MediaDao store, Envelope<RegisterMedia> command, Inspection inspection) {
        RegisterMedia media = command.payload();
        String tenant = command.tenantId();
        List<StoredKey> replaced = new ArrayList<>();
        List<String> replacedKeys = new ArrayList<>();
        // the earlier upload of the same media key: its row becomes this upload's, then its object goes
        store.byKey(tenant, media.objectKey())
                .filter(earlier -> !earlier.uploadKey().equals(media.storedKey()))
                .ifPresent(earlier -> replaced.add(new StoredKey(earlier.bucket(), earlier.uploadKey())));
        store.upsert(verdict(command, MediaStatus.REGISTERED, inspection.kind().jsonName(), inspection.mimeType(), null,
                metadata(inspection)));
        if (media.trackId() != null) {
            for (MediaDao.Row earlier : store.otherTrackFiles(tenant, releaseId(media.releaseId()), trackId(media),
                    media.objectKey())) {
                store.delete(earlier.id());
                replaced.add(new StoredKey(earlier.bucket(), earlier.uploadKey()));
                replacedKeys.add(earlier.objectKey());
            }
        }
        MediaRegistered event = new MediaRegistered(media.mediaId(), media.releaseId(), media.trackId(),
                media.bucket(), media.objectKey(), media.name(), inspection.kind(), inspection.mimeType(),
                media.size(), media.sha256(), inspection.properties(), replacedKeys);
        Outcome outcome = Outcome.success("media", media.objectKey(), 201, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.MEDIA_REGISTERED, SOURCE, media.releaseId(), event));
        return new Result(outcome, replaced);
    }

    private Outcome rejected(Envelope<RegisterMedia> command, int status, String reason, boolean objectDeleted) {
        RegisterMedia media = command.payload();
        String field = media.trackId() != null ? "file" : "files";
        return Outcome.rejection("media", media.objectKey(), status, reason,
                List.of(new FieldError(field, media.name() + ": " + reason)), Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.MEDIA_REJECTED, SOURCE, media.releaseId(),
                        new MediaRejected(media.mediaId(), media.releaseId(), media.trackId(), media.objectKey(),
                                media.name(), status, reason, objectDeleted)));
    }

    private Result applyDelete(Handle handle, Envelope<DeleteMedia> command) {
        DeleteMedia delete = command.payload();
        String tenant = command.tenantId();
        MediaDao store = handle.attach(MediaDao.class);
        Optional<ReleaseStatus> status = store.lockStatus(tenant, releaseId(delete.releaseId()));
        if (status.isEmpty()) {
            return new Result(commandRejected(command, 404, "Release not found"), List.of());
        }
        Optional<String> closed = status.get().mediaChangeRefusal();
        if (closed.isPresent()) {
            return new Result(commandRejected(command, 400, closed.get()), List.of());
        }
        Optional<MediaDao.Row> row = store.byKey(tenant, delete.objectKey())
                .filter(found -> found.status() == MediaStatus.REGISTERED)
                .filter(found -> found.objectKey().startsWith(StorageKeys.releasePrefix(tenant, delete.releaseId())));
        if (row.isEmpty()) {
            return new Result(commandRejected(command, 404, "Media not found"), List.of());
        }
        store.delete(row.get().id());
        Outcome outcome = Outcome.success("media", delete.objectKey(), 200, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.MEDIA_DELETED, SOURCE, delete.releaseId(),
                        new MediaDeleted(delete.releaseId(), row.get().trackId(), delete.objectKey())));
        return new Result(outcome, List.of(new StoredKey(row.get().bucket(), row.get().uploadKey())));
    }

    private static Outcome commandRejected(Envelope<DeleteMedia> command, int status, String message) {
        String releaseId = command.payload().releaseId();
        return Outcome.rejection("media", command.payload().objectKey(), status, message, List.of(),
                Topics.RELEASE_EVENTS, command.reply(ReleaseMessages.COMMAND_REJECTED, SOURCE, releaseId,
                        new CommandRejected(releaseId, command.type(), status, message, List.of())));
    }
    /** The row that records what became of the command's upload. */
    private static MediaDao.Verdict verdict(Envelope<RegisterMedia> command, MediaStatus status, String type,
                                            String mimeType, String rejection, String metadata) {
        RegisterMedia media = command.payload();
        MediaId mediaId = MediaId.parse(media.mediaId()).orElseThrow(() -> new PoisonMessageException(
                "media command with an upload id that is not a UUID: " + media.mediaId()));
        return new MediaDao.Verdict(mediaId, command.tenantId(), releaseId(media.releaseId()),
                media.trackId() == null ? null : trackId(media), media.bucket(), media.objectKey(), media.storedKey(),
                media.etag(), media.name(), type, mimeType, media.size(), media.sha256(), status, rejection, metadata,
                media.uploadedAt(), command.requestId());
    }

    private static ReleaseId releaseId(String text) {
        // requireOwnKey has checked it: the record's release is the tenant's
        return ReleaseId.parse(text).orElseThrow(() -> new PoisonMessageException(
                "media command for '" + text + "', which is not a release id"));
    }

    private static TrackId trackId(RegisterMedia media) {
        return TrackId.parse(media.trackId()).orElseThrow(() -> new PoisonMessageException(
                "media command for track '" + media.trackId() + "', which is not a track id"));
    }

    /** What inspection measured, as the row's metadata JSON. */
    private String metadata(Inspection inspection) {
        ObjectNode node = json.createObjectNode();
        MediaProperties p = inspection.properties();
        if (p.duration() != null) {
            node.put("duration", p.duration());
        }
        if (p.bitrate() != null) {
            node.put("bitrate", p.bitrate());
        }
        if (p.sampleRate() != null) {
            node.put("sampleRate", p.sampleRate());
        }
        if (p.channels() != null) {
            node.put("channels", p.channels());
        }
        if (p.bitsPerSample() != null) {
            node.put("bitsPerSample", p.bitsPerSample());
        }
        if (p.codec() != null) {
            node.put("codec", p.codec());
        }
        if (p.width() != null) {
            node.put("width", p.width());
        }
        if (p.height() != null) {
            node.put("height", p.height());
        }
        return node.toString();
    }
}
