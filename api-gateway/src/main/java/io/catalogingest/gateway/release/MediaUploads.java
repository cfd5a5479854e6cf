package io.catalogingest.gateway.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.RegisterMedia;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.storage.FileNames;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.OutcomeWaiter;
import io.catalogingest.gateway.request.RequestOutcome;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.upload.MultipartUploadReader;
import io.catalogingest.gateway.upload.ObjectUploader;
import io.catalogingest.gateway.upload.PartHandler;
import io.catalogingest.gateway.upload.PartInfo;
import io.catalogingest.gateway.upload.StoredObject;
import io.catalogingest.gateway.upload.UploadProperties;
import io.catalogingest.gateway.web.Write;
import io.catalogingest.support.storage.StorageProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The upload of release media, from the request's bytes to the worker's verdicts: <b>check</b> the release (exists for
 * the caller, takes media: 404 / 400 before any body is read), <b>stream</b> each file part into a new, immutable
 * object at its own upload key in the temporary bucket ({@code StorageKeys.upload}; the upload id is the media id),
 * <b>register</b> it — one {@code RegisterMedia} per file, carrying the media key (cloudId), the upload key, the size,
 * the SHA-256 computed while streaming and the ETag S3 acknowledged, keyed by the release id so it is ordered with the
 * release's other commands — and wait, bounded ({@code catalog.gateway.media-registration-wait}, default the sync
 * wait), for the ingest-worker's verdicts, all files under one deadline. <b>Compensate</b>: a request that fails
 * part-way (a refused part, S3 down, the broker refusing the commands) deletes the objects it stored; none of them can
 * hold a registered file's bytes, since no upload ever overwrites one.
 */
@Service
class MediaUploads {

    private static final Logger log = LoggerFactory.getLogger(MediaUploads.class);
    private static final CommandKind<RegisterMedia> REGISTER = new CommandKind<>("media.register",
            Topics.RELEASE_COMMANDS, ReleaseMessages.REGISTER_MEDIA);
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp3", "mp3"), Map.entry("audio/wav", "wav"),
            Map.entry("audio/x-wav", "wav"), Map.entry("audio/vnd.wave", "wav"), Map.entry("audio/flac", "flac"),
            Map.entry("audio/x-flac", "flac"), Map.entry("audio/aiff", "aif"), Map.entry("audio/x-aiff", "aif"),
            Map.entry("audio/ogg", "ogg"), Map.entry("audio/mp4", "m4a"), Map.entry("video/mp4", "mp4"),
            Map.entry("video/quicktime", "mov"));

    private final ReleaseReader releases;
    private final ReleaseAccess access;
    private final MultipartUploadReader multipart;
    private final ObjectUploader uploader;
    private final UploadProperties limits;
    private final StorageProperties storage;
    private final CommandDispatcher dispatcher;
    private final OutcomeWaiter waiter;
    private final Duration wait;

    MediaUploads(ReleaseReader releases, ReleaseAccess access, MultipartUploadReader multipart,
                 ObjectUploader uploader, UploadProperties limits, StorageProperties storage,
                 CommandDispatcher dispatcher, OutcomeWaiter waiter,
                 @Value("${catalog.gateway.media-registration-wait:${catalog.gateway.sync-wait:10s}}") Duration wait) {
        this.releases = releases;
        this.access = access;
        this.multipart = multipart;
        this.uploader = uploader;
        this.limits = limits;
        this.storage = storage;
        this.dispatcher = dispatcher;
        this.waiter = waiter;
        this.wait = wait;
    }

    /** A registered file: its command, its request and, if the worker answered in time, the verdict. */
    record Registration(RegisterMedia command, UUID requestId, Optional<RequestOutcome> outcome) {
    }

    /** {@code POST /releases/{id}/media/files}: every part named {@code files}, names distinct after sanitizing. */
    List<Registration> releaseFiles(Caller caller, String id, HttpServletRequest request, Write write) {
        String releaseId = openRelease(caller, id);
        Set<String> names = new HashSet<>();
        Target files = new Target("files", "Files go in parts named 'files'", false,
                new FieldError("files", "at least one file is required"), "No files: send them as parts named 'files'",
                part -> {
                    String name = FileNames.sanitize(part.fileName());
                    if (!names.add(name)) {
                        throw ApiException.badRequest("Two files in one request are named '" + name + "'",
                                List.of(new FieldError("files", "file names must differ (after sanitizing)")));
                    }
                    return StorageKeys.releaseFile(caller.tenantId(), releaseId, name);
                });
        return upload(caller, releaseId, null, request, write, files);
    }

    /** {@code POST /releases/{id}/tracks/{trackId}/media/file}: one part named {@code file}, the track's new file. */
    List<Registration> trackFile(Caller caller, String id, String trackId, HttpServletRequest request, Write write) {
        String releaseId = openRelease(caller, id);
        if (!releases.trackExists(caller.tenantId(), releaseId, trackId)) {
            throw ApiException.notFound("Track");
        }
        String track = Ids.uuid(trackId).orElseThrow(() -> ApiException.notFound("Track")).toString();
        Target file = new Target("file", "The track's file goes in a part named 'file'", true,
                new FieldError("file", "is required"), "No file: send the track's audio or video as a part named 'file'",
                part -> StorageKeys.trackFile(caller.tenantId(), releaseId, track,
                        extension(part.fileName(), part.contentType())));
        return upload(caller, releaseId, track, request, write, file);
    }

    /**
     * The release's id when the caller may change it and it takes media; 404 (unknown, another workspace's), 403
     * (another user's) or 400 (its status) otherwise — before any body read.
     */
    private String openRelease(Caller caller, String id) {
        UUID releaseId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release"));
        ReleaseStatus status = ReleaseStatus.fromJsonName(access.changeable(caller, releaseId).status());
        status.mediaChangeRefusal().ifPresent(refusal -> {
            throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
        });
        return releaseId.toString();
    }

    /**
     * What differs between the two upload endpoints.
     *
     * @param field      the name of the file parts
     * @param wrongField the refusal of a part with another name
     * @param single     one file per request
     * @param missing    the refusal of a request without a file: the field's reason and the message
     * @param mediaKey   the media key (cloudId) of a part with a file name; refuses one the endpoint does not take
     */
    private record Target(String field, String wrongField, boolean single, FieldError missing, String none,
                          Function<PartInfo, String> mediaKey) {
    }

    /** One file this request stored: its upload (media) id, its media key (cloudId) and the object written. */
    private record Upload(String uploadId, String mediaKey, StoredObject object) {
    }

    /** Stream → store → register, deleting what was stored when any step fails. */
    private List<Registration> upload(Caller caller, String releaseId, String trackId, HttpServletRequest request,
                                      Write write, Target target) {
        List<Upload> stored = new ArrayList<>();
        try {
            PartHandler handler = (part, body) -> {
                if (!target.field().equals(part.fieldName())) {
                    throw ApiException.badRequest(target.wrongField(),
                            List.of(new FieldError(part.fieldName(), "is not a file field of this endpoint")));
                }
                if (target.single() && !stored.isEmpty()) {
                    throw ApiException.badRequest("A track takes one audio or video file",
                            List.of(new FieldError(target.field(), "only one file per request")));
                }
                String mediaKey = target.mediaKey().apply(requireFileName(part, target.field()));
                String uploadId = UUID.randomUUID().toString();
                String uploadKey = StorageKeys.upload(caller.tenantId(), releaseId, uploadId,
                        FileNames.sanitize(part.fileName()));
                stored.add(new Upload(uploadId, mediaKey, uploader.upload(body, storage.tempBucket(), uploadKey,
                        part.contentType(), part.fileName(), limits.maxFileSize().toBytes())));
                requireContent(stored, target.field());
            };
            // a one-file endpoint lets the reader send a file of known length as one streamed PUT (ADR 0020)
            if (target.single()) {
                multipart.forSingleFile(request, handler);
            } else {
                multipart.forEachPart(request, handler);
            }
            if (stored.isEmpty()) {
                throw ApiException.badRequest(target.none(), List.of(target.missing()));
            }
            return register(caller, stored.stream().map(file -> command(releaseId, trackId, file)).toList(), write);
        } catch (RuntimeException e) {
            discard(caller, releaseId, trackId, stored);
            throw e;
        }
    }

    /**
     * Publishes one command per file (each its own request; with an Idempotency-Key, file n's is {@code key#n}) and
     * waits for all verdicts together, so N files cost one wait, not N.
     */
    private List<Registration> register(Caller caller, List<RegisterMedia> commands, Write write) {
        List<Registration> published = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            RegisterMedia command = commands.get(i);
            Write file = new Write(write.idempotencyKey() == null ? null : write.idempotencyKey() + "#" + i, true);
            CommandResult result = dispatcher.dispatch(REGISTER.request(caller, file, command.releaseId(), command,
                    command.objectKey() + "\n" + command.size() + "\n" + command.sha256()));
            published.add(new Registration(command, result.requestId(), result.outcome()));
        }
        if (write.respondAsync()) {
            return published;
        }
        Map<UUID, RequestOutcome> outcomes = waiter.awaitAll(caller.tenantId(),
                published.stream().map(Registration::requestId).toList(), wait);
        return published.stream().map(registration -> new Registration(registration.command(),
                registration.requestId(), Optional.ofNullable(outcomes.get(registration.requestId())))).toList();
    }

    private static RegisterMedia command(String releaseId, String trackId, Upload upload) {
        StoredObject file = upload.object();
        // the name shown to clients: the sanitized client name (the key's last segment for release files)
        return new RegisterMedia(upload.uploadId(), releaseId, trackId, file.bucket(), upload.mediaKey(),
                FileNames.sanitize(file.clientFileName()), file.clientFileName(), file.size(), file.sha256Hex(),
                file.contentTypeHeader(), Instant.now(), file.key(), file.etag());
    }

    /** The objects this request stored, after it failed: deleted (each is a new object at its own upload key). */
    private void discard(Caller caller, String releaseId, String trackId, List<Upload> stored) {
        for (Upload upload : stored) {
            StoredObject file = upload.object();
            try {
                uploader.delete(file.bucket(), file.key());
            } catch (RuntimeException e) {
                log.warn("Could not clean up {} of release {} (tenant {}, track {}) after a failed upload: {}",
                        file.key(), releaseId, caller.tenantId(), trackId, e.getMessage());
            }
        }
    }

    /** The track file's extension: from the client's name, else its declared type, else {@code bin}. */
    private static String extension(String clientFileName, String contentType) {
        Optional<String> fromName = FileNames.extension(FileNames.sanitize(clientFileName))
                .map(ext -> ext.toLowerCase(Locale.ROOT))
                .filter(ext -> ext.matches("[a-z0-9]{1,10}"));
        if (fromName.isPresent()) {
            return fromName.get();
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return EXTENSIONS.getOrDefault(type, "bin");
    }

    /** A file part must name its file: an empty name is what a browser sends for an empty file input. */
    private static PartInfo requireFileName(PartInfo part, String field) {
        if (!part.isFile() || part.fileName() == null || part.fileName().isBlank()) {
            throw ApiException.badRequest("Every '" + field + "' part must be a file with a file name",
                    List.of(new FieldError(field, "a part without a file name is not a file")));
        }
        return part;
    }

    /** An empty file is refused; the clean-up removes the empty object just stored. */
    private static void requireContent(List<Upload> stored, String field) {
        StoredObject last = stored.get(stored.size() - 1).object();
        if (last.size() == 0) {
            throw ApiException.badRequest("File '" + last.clientFileName() + "' is empty",
                    List.of(new FieldError(field, "must not be empty")));
        }
    }
}
