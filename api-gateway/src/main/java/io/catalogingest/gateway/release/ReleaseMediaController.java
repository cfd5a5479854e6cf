package io.catalogingest.gateway.release;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.releases.DeleteMedia;
import io.catalogingest.common.releases.RegisterMedia;
import io.catalogingest.common.releases.ReleaseMessages;
import io.catalogingest.common.storage.FileNames;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.CommandAnswers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandRequest;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.RequestOutcome;
import io.catalogingest.gateway.request.Success;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.upload.MultipartUploadReader;
import io.catalogingest.gateway.upload.ObjectUploader;
import io.catalogingest.gateway.upload.PartInfo;
import io.catalogingest.gateway.upload.StoredObject;
import io.catalogingest.gateway.upload.UploadProperties;
import io.catalogingest.gateway.upload.UploadRejectedException;
import io.catalogingest.gateway.web.Fingerprint;
import io.catalogingest.gateway.web.IdempotencyKeys;
import io.catalogingest.gateway.web.Prefer;
import io.catalogingest.support.storage.PresigningClient;
import io.catalogingest.support.storage.StorageProperties;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Release media: {@code POST /releases/{id}/media/files} (parts named {@code files}),
 * {@code POST /releases/{id}/tracks/{trackId}/media/file} (one part {@code file}, audio or video, replacing the
 * track's earlier file), {@code GET /releases/{id}/media} and {@code DELETE /releases/{id}/media/{cloudId}}.
 *
 * <p>An upload is refused before its body is read when the release is unknown (404) or not in {@code draft} or
 * {@code rejected} (400 naming its status). Each file streams into the temporary bucket as a new, immutable object at
 * its own upload key ({@code StorageKeys.upload}, the upload id is the media id); then one {@code RegisterMedia} per
 * file, carrying the media key (cloudId), the upload key, the size, the SHA-256 computed while streaming and the ETag
 * S3 acknowledged, goes to the ingest-worker, which inspects the bytes and registers them (replacing, then deleting,
 * an earlier upload of the same media key). The answer waits for those
 * verdicts, bounded ({@code catalog.gateway.media-registration-wait}, default the sync wait); without them in time, or
 * with {@code Prefer: respond-async}, it is a 202 listing the files and their requests. A request that fails half-way
 * leaves nothing unowned behind: the objects it stored are deleted (no upload ever overwrote a registered file).
 */
@RestController
class ReleaseMediaController {

    private static final Logger log = LoggerFactory.getLogger(ReleaseMediaController.class);
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp3", "mp3"), Map.entry("audio/wav", "wav"),
            Map.entry("audio/x-wav", "wav"), Map.entry("audio/vnd.wave", "wav"), Map.entry("audio/flac", "flac"),
            Map.entry("audio/x-flac", "flac"), Map.entry("audio/aiff", "aif"), Map.entry("audio/x-aiff", "aif"),
            Map.entry("audio/ogg", "ogg"), Map.entry("audio/mp4", "m4a"), Map.entry("video/mp4", "mp4"),
            Map.entry("video/quicktime", "mov"));

    private final ReleaseReader releases;
    private final MultipartUploadReader multipart;
    private final ObjectUploader uploader;
    private final UploadProperties limits;
    private final StorageProperties storage;
    private final MediaRegistrations registrations;
    private final CommandDispatcher dispatcher;
    private final PresigningClient presigning;

    ReleaseMediaController(ReleaseReader releases, MultipartUploadReader multipart, ObjectUploader uploader,
                           UploadProperties limits, StorageProperties storage, MediaRegistrations registrations,
                           CommandDispatcher dispatcher, PresigningClient presigning) {
        this.releases = releases;
        this.multipart = multipart;
        this.uploader = uploader;
        this.limits = limits;
        this.storage = storage;
        this.registrations = registrations;
        this.dispatcher = dispatcher;
        this.presigning = presigning;
    }

    @Operation(summary = "Upload Media Files to Release", description = "Uploads one or many files (parts named "
            + "'files') to a release in 'draft' or 'rejected' status. Files are stored temporarily and transferred to "
            + "permanent storage upon approval.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "multipart/form-data", schema = @Schema(implementation = MediaAnswers.FilesForm.class)))
    @ApiResponse(responseCode = "201", description = "Success - Files uploaded to release",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MediaAnswers.FilesUploaded.class)))
    @ApiResponse(responseCode = "202", description = "Accepted; inspection has not answered yet (the files are listed as processing)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MediaAnswers.FilesAccepted.class)))
    @ApiResponse(responseCode = "409", description = "The release changed meanwhile",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "A file or the request is too large",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "Not multipart/form-data",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping({"/releases/{id}/media/files", "/releases/{id}/media/files/"})
    ResponseEntity<?> uploadFiles(Caller caller,
                                  @Parameter(description = "Release ID", schema = @Schema(type = "string", format = "uuid"))
                                  @PathVariable String id, HttpServletRequest request,
                                  @RequestHeader(name = Prefer.HEADER, required = false) String prefer,
                                  @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
        String key = IdempotencyKeys.check(idempotencyKey);
        String releaseId = openRelease(caller, id);
        List<Upload> stored = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try {
            multipart.forEachPart(request, (part, body) -> {
                if (!"files".equals(part.fieldName())) {
                    throw ApiException.badRequest("Files go in parts named 'files'",
                            List.of(new FieldError(part.fieldName(), "is not a file field of this endpoint")));
                }
                requireFileName(part, "files");
                String name = FileNames.sanitize(part.fileName());
                if (!names.add(name)) {
                    throw ApiException.badRequest("Two files in one request are named '" + name + "'",
                            List.of(new FieldError("files", "file names must differ (after sanitizing)")));
                }
                String uploadId = UUID.randomUUID().toString();
                stored.add(new Upload(uploadId, StorageKeys.releaseFile(caller.tenantId(), releaseId, name),
                        uploader.upload(body, storage.tempBucket(),
                                StorageKeys.upload(caller.tenantId(), releaseId, uploadId, name), part.contentType(),
                                part.fileName(), limits.maxFileSize().toBytes())));
                requireContent(stored, "files");
            });
        } catch (UploadRejectedException e) {
            discard(caller, releaseId, null, stored);
            return refused(e);
        } catch (RuntimeException e) {
            discard(caller, releaseId, null, stored);
            throw e;
        }
        if (stored.isEmpty()) {
            throw ApiException.badRequest("No files: send them as parts named 'files'",
                    List.of(new FieldError("files", "at least one file is required")));
        }
        List<MediaRegistrations.Registration> registered = register(caller, releaseId, null, stored, key, prefer);
        return answer(caller, releaseId, registered, false);
    }

    @Operation(summary = "Upload a track's audio or video file", description = "One part named 'file'; replaces the "
            + "track's earlier file")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "multipart/form-data", schema = @Schema(implementation = MediaAnswers.FileForm.class)))
    @ApiResponse(responseCode = "200", description = "Media uploaded successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MediaAnswers.TrackFileUploaded.class)))
    @ApiResponse(responseCode = "202", description = "Accepted; inspection has not answered yet",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MediaAnswers.FilesAccepted.class)))
    @ApiResponse(responseCode = "409", description = "The release changed meanwhile",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "413", description = "The file or the request is too large",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "415", description = "Not multipart/form-data",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping({"/releases/{id}/tracks/{trackId}/media/file", "/releases/{id}/tracks/{trackId}/media/file/"})
    ResponseEntity<?> uploadTrackFile(Caller caller,
                                  @Parameter(description = "Release ID", schema = @Schema(type = "string", format = "uuid"))
                                  @PathVariable String id, @PathVariable String trackId,
                                      HttpServletRequest request,
                                      @RequestHeader(name = Prefer.HEADER, required = false) String prefer,
                                      @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
                                      String idempotencyKey) {
        String key = IdempotencyKeys.check(idempotencyKey);
        String releaseId = openRelease(caller, id);
        if (!releases.trackExists(caller.tenantId(), releaseId, trackId)) {
            throw ApiException.notFound("Track");
        }
        String track = Ids.uuid(trackId).orElseThrow(() -> ApiException.notFound("Track")).toString();
        List<Upload> stored = new ArrayList<>();
        try {
            multipart.forSingleFile(request, (part, body) -> {
                if (!"file".equals(part.fieldName())) {
                    throw ApiException.badRequest("The track's file goes in a part named 'file'",
                            List.of(new FieldError(part.fieldName(), "is not a file field of this endpoint")));
                }
                if (!stored.isEmpty()) {
                    throw ApiException.badRequest("A track takes one audio or video file",
                            List.of(new FieldError("file", "only one file per request")));
                }
                requireFileName(part, "file");
                String mediaKey = StorageKeys.trackFile(caller.tenantId(), releaseId, track,
                        extension(part.fileName(), part.contentType()));
                String uploadId = UUID.randomUUID().toString();
                String uploadKey = StorageKeys.upload(caller.tenantId(), releaseId, uploadId,
                        FileNames.sanitize(part.fileName()));
                stored.add(new Upload(uploadId, mediaKey, uploader.upload(body, storage.tempBucket(), uploadKey,
                        part.contentType(), part.fileName(), limits.maxFileSize().toBytes())));
                requireContent(stored, "file");
            });
        } catch (UploadRejectedException e) {
            discard(caller, releaseId, track, stored);
            return refused(e);
        } catch (RuntimeException e) {
            discard(caller, releaseId, track, stored);
            throw e;
        }
        if (stored.isEmpty()) {
            throw ApiException.badRequest("No file: send the track's audio or video as a part named 'file'",
                    List.of(new FieldError("file", "is required")));
        }
        List<MediaRegistrations.Registration> registered = register(caller, releaseId, track, stored, key, prefer);
        return answer(caller, releaseId, registered, true);
    }

    @GetMapping({"/releases/{id}/media", "/releases/{id}/media/"})
    Success<List<MediaView>> media(Caller caller, @PathVariable String id) {
        if (releases.status(caller.tenantId(), id).isEmpty()) {
            throw ApiException.notFound("Release");
        }
        return CommandAnswers.success(null, releases.media(caller.tenantId(), id));
    }

    /**
     * {@code cloudId} is the object key, given as the rest of the path ({@code DELETE
     * /releases/{id}/media/{tenant}/releases/{id}/release/cover.jpg}); the key relative to the release
     * ({@code release/cover.jpg}) and the media's id are accepted too. Encoded slashes ({@code %2F}) are refused by
     * the gateway's firewall, so clients send the key's slashes as they are.
     */
    @Operation(summary = "Delete a media file of a draft or rejected release")
    @ApiResponse(responseCode = "200", description = "Media deleted successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MediaAnswers.Deleted.class)))
    @ApiResponse(responseCode = "202", description = "Accepted; the outcome will be at the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MediaAnswers.DeleteAccepted.class)))
    @DeleteMapping("/releases/{id}/media/{*cloudId}")
    ResponseEntity<?> delete(Caller caller, @PathVariable String id, @PathVariable String cloudId,
                             @RequestHeader(name = Prefer.HEADER, required = false) String prefer,
                             @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
        String key = IdempotencyKeys.check(idempotencyKey);
        ReleaseStatus status = releases.status(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Release"));
        String releaseId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release")).toString();
        String objectKey = objectKey(caller.tenantId(), releaseId, cloudId);
        if (releases.mediaByKey(caller.tenantId(), releaseId, objectKey).isEmpty()) {
            throw ApiException.notFound("Media");
        }
        status.mediaChangeRefusal().ifPresent(refusal -> {
            throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
        });
        CommandResult result = dispatcher.dispatch(new CommandRequest<>(caller, "media.delete",
                Topics.RELEASE_COMMANDS, ReleaseMessages.DELETE_MEDIA, releaseId,
                new DeleteMedia(releaseId, objectKey), Fingerprint.of("delete " + objectKey), key,
                Prefer.respondAsync(prefer)));
        if (result.outcome().isEmpty()) {
            return accepted(result.requestId(), new MediaAnswers.Key(objectKey));
        }
        RequestOutcome outcome = result.outcome().get();
        if (!outcome.succeeded()) {
            return ResponseEntity.status(outcome.httpStatus()).body(ApiError.of(outcome.message(), outcome.errors()));
        }
        return ResponseEntity.ok(new MediaAnswers.Deleted(true, "Media deleted successfully"));
    }

    /** The release's id when it exists for the caller and takes media; 404 / 400 otherwise — before any body read. */
    private String openRelease(Caller caller, String id) {
        ReleaseStatus status = releases.status(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Release"));
        status.mediaChangeRefusal().ifPresent(refusal -> {
            throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
        });
        return Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release")).toString();
    }

    private List<MediaRegistrations.Registration> register(Caller caller, String releaseId, String trackId,
                                                           List<Upload> stored, String key, String prefer) {
        List<RegisterMedia> commands = stored.stream().map(file -> command(releaseId, trackId, file)).toList();
        try {
            return registrations.register(caller, commands, key, Prefer.respondAsync(prefer));
        } catch (RuntimeException e) {
            // the broker refused: nothing will register these files
            discard(caller, releaseId, trackId, stored);
            throw e;
        }
    }

    /** One file this request stored: its upload (media) id, its media key (cloudId) and the object written. */
    private record Upload(String uploadId, String mediaKey, StoredObject object) {
    }

    private RegisterMedia command(String releaseId, String trackId, Upload upload) {
        StoredObject file = upload.object();
        return new RegisterMedia(upload.uploadId(), releaseId, trackId, file.bucket(), upload.mediaKey(),
                displayName(file), file.clientFileName(), file.size(), file.sha256Hex(), file.contentTypeHeader(),
                Instant.now(), file.key(), file.etag());
    }

    /** The name shown to clients: the sanitized client name (the key's last segment for release files). */
    private static String displayName(StoredObject file) {
        return FileNames.sanitize(file.clientFileName());
    }

    /**
     * Objects this request stored, after it failed: deleted. Each is a new object at its own upload key, so none of
     * them holds a registered file's bytes.
     */
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

    /** 201 (files) / 200 (track file) with the registered media; the refusal if none was accepted; 202 if pending. */
    private ResponseEntity<?> answer(Caller caller, String releaseId, List<MediaRegistrations.Registration> registered,
                                     boolean single) {
        List<MediaRegistrations.Registration> pending = registered.stream()
                .filter(registration -> registration.outcome().isEmpty()).toList();
        if (!pending.isEmpty()) {
            return accepted(pending.get(0).requestId(), registered.stream().map(this::provisional).toList());
        }
        List<MediaView> media = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        RequestOutcome firstRefusal = null;
        for (MediaRegistrations.Registration registration : registered) {
            RequestOutcome outcome = registration.outcome().get();
            if (outcome.succeeded()) {
                releases.mediaByKey(caller.tenantId(), releaseId, registration.command().objectKey())
                        .ifPresent(media::add);
            } else {
                errors.addAll(outcome.errors().isEmpty()
                        ? List.of(new FieldError(single ? "file" : "files", outcome.message())) : outcome.errors());
                firstRefusal = firstRefusal == null ? outcome : firstRefusal;
            }
        }
        if (media.isEmpty() && firstRefusal != null) {
            String message = registered.size() == 1 ? firstRefusal.message()
                    : "No file was accepted: " + firstRefusal.message();
            return ResponseEntity.status(firstRefusal.httpStatus()).body(ApiError.of(message, errors));
        }
        if (single) {
            return ResponseEntity.ok(new MediaAnswers.TrackFileUploaded(true, "Media uploaded successfully",
                    media.get(0)));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new MediaAnswers.FilesUploaded(true, media,
                media.size() + " files uploaded to release" + (errors.isEmpty() ? "" : "; " + errors.size()
                        + " refused"), errors));
    }

    /** What is known of a file whose inspection has not answered yet. */
    private MediaView provisional(MediaRegistrations.Registration registration) {
        RegisterMedia file = registration.command();
        return new MediaView(file.mediaId(), file.objectKey(), presigning.getUrl(file.bucket(), file.storedKey()),
                null, file.name(), false, file.objectKey(), file.trackId(), "processing",
                new MediaView.Metadata(file.size(), null, file.uploadedAt(),
                        file.trackId() == null ? "release" : "track", file.sha256(), null, null, null, null, null,
                        null, null, null, null));
    }

    private static ResponseEntity<?> accepted(UUID requestId, Object data) {
        String location = "/requests/" + requestId;
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(location))
                .body(Success.of("Accepted; the outcome will be at " + location, data));
    }

    private static ResponseEntity<?> refused(UploadRejectedException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        e.retryAfter().ifPresent(after -> response.header(HttpHeaders.RETRY_AFTER,
                String.valueOf(Math.max(1, after.toSeconds()))));
        return response.body(ApiError.of(e.getMessage()));
    }

    /** The object key a DELETE names: the full key, the key relative to the release, or the media's id. */
    private String objectKey(String tenantId, String releaseId, String cloudId) {
        String given = cloudId.startsWith("/") ? cloudId.substring(1) : cloudId;
        String prefix = StorageKeys.releasePrefix(tenantId, releaseId);
        if (given.startsWith(prefix)) {
            return given;
        }
        Optional<UUID> mediaId = Ids.uuid(given);
        if (mediaId.isPresent()) {
            Optional<String> key = releases.keyOfMediaId(tenantId, releaseId, mediaId.get());
            if (key.isPresent()) {
                return key.get();
            }
        }
        return prefix + given;
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
    private static void requireFileName(PartInfo part, String field) {
        if (!part.isFile() || part.fileName() == null || part.fileName().isBlank()) {
            throw ApiException.badRequest("Every '" + field + "' part must be a file with a file name",
                    List.of(new FieldError(field, "a part without a file name is not a file")));
        }
    }

    /** An empty file is refused; the caller's clean-up removes the empty object just stored. */
    private static void requireContent(List<Upload> stored, String field) {
        StoredObject last = stored.get(stored.size() - 1).object();
        if (last.size() == 0) {
            throw ApiException.badRequest("File '" + last.clientFileName() + "' is empty",
                    List.of(new FieldError(field, "must not be empty")));
        }
    }
}
