package io.catalogingest.gateway.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.DeleteMedia;
import io.catalogingest.common.release.RegisterMedia;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.RequestOutcome;
import io.catalogingest.gateway.request.Success;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Write;
import io.catalogingest.support.storage.PresigningClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Release media: {@code POST /releases/{id}/media/files} (parts named {@code files}),
 * {@code POST /releases/{id}/tracks/{trackId}/media/file} (one part {@code file}, audio or video, replacing the
 * track's earlier file), {@code GET /releases/{id}/media} and {@code DELETE /releases/{id}/media/{cloudId}}.
 *
 * <p>An adapter: the upload workflow (check the release, stream, store, register, compensate) is {@link MediaUploads};
 * this answers with its verdicts, as Royalti does — 201 with the media objects (200 with one for a track file), the
 * refusal when no file was accepted, or a 202 listing the files as {@code processing} when the verdicts did not come
 * in time or the client asked {@code Prefer: respond-async}.
 */
@RestController
class ReleaseMediaController {

    private static final CommandKind<DeleteMedia> DELETE = new CommandKind<>("media.delete",
            Topics.RELEASE_COMMANDS, ReleaseMessages.DELETE_MEDIA);

    private final MediaUploads uploads;
    private final ReleaseReader releases;
    private final ReleaseAccess access;
    private final CommandDispatcher dispatcher;
    private final PresigningClient presigning;

    ReleaseMediaController(MediaUploads uploads, ReleaseReader releases, ReleaseAccess access,
                           CommandDispatcher dispatcher, PresigningClient presigning) {
        this.uploads = uploads;
        this.releases = releases;
        this.access = access;
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
                                  @PathVariable String id, HttpServletRequest request, Write write) {
        return answer(caller, uploads.releaseFiles(caller, id, request, write), false);
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
                                      @PathVariable String id, @PathVariable String trackId, HttpServletRequest request,
                                      Write write) {
        return answer(caller, uploads.trackFile(caller, id, trackId, request, write), true);
    }

    @GetMapping({"/releases/{id}/media", "/releases/{id}/media/"})
    Success<List<MediaView>> media(Caller caller, @PathVariable String id) {
        access.visible(caller, id);
        return Answers.success(null, releases.media(caller.tenantId(), id));
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
    ResponseEntity<?> delete(Caller caller, @PathVariable String id, @PathVariable String cloudId, Write write) {
        UUID release = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release"));
        ReleaseStatus status = ReleaseStatus.fromJsonName(access.changeable(caller, release).status());
        String releaseId = release.toString();
        String objectKey = objectKey(caller.tenantId(), releaseId, cloudId);
        if (releases.mediaByKey(caller.tenantId(), releaseId, objectKey).isEmpty()) {
            throw ApiException.notFound("Media");
        }
        status.mediaChangeRefusal().ifPresent(refusal -> {
            throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
        });
        CommandResult result = dispatcher.dispatch(DELETE.request(caller, write, releaseId,
                new DeleteMedia(releaseId, objectKey), "delete " + objectKey));
        return Answers.command(result, outcome -> new Answers.Resource(null,
                        new MediaAnswers.Deleted(true, "Media deleted successfully")),
                requestId -> accepted(requestId, new MediaAnswers.Key(objectKey)), Map.of());
    }

    /**
     * 201 (files) / 200 (track file) with the registered media, and the refused files; the refusal if none was
     * accepted; 202 listing every file while one has no verdict yet. The headers name the first request the answer
     * depends on: the first still pending, else the first.
     */
    private ResponseEntity<Object> answer(Caller caller, List<MediaUploads.Registration> registered, boolean single) {
        Optional<MediaUploads.Registration> pending = registered.stream()
                .filter(registration -> registration.outcome().isEmpty()).findFirst();
        if (pending.isPresent()) {
            UUID requestId = pending.get().requestId();
            return Answers.accepted(requestId, accepted(requestId, registered.stream().map(this::provisional).toList()));
        }
        UUID requestId = registered.get(0).requestId();
        List<MediaView> media = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        RequestOutcome firstRefusal = null;
        for (MediaUploads.Registration registration : registered) {
            RequestOutcome outcome = registration.outcome().get();
            if (outcome.succeeded()) {
                releases.mediaByKey(caller.tenantId(), registration.command().releaseId(),
                        registration.command().objectKey()).ifPresent(media::add);
            } else {
                errors.addAll(outcome.errors().isEmpty()
                        ? List.of(new FieldError(single ? "file" : "files", outcome.message())) : outcome.errors());
                firstRefusal = firstRefusal == null ? outcome : firstRefusal;
            }
        }
        if (media.isEmpty() && firstRefusal != null) {
            String message = registered.size() == 1 ? firstRefusal.message()
                    : "No file was accepted: " + firstRefusal.message();
            return Answers.refused(requestId, firstRefusal.httpStatus(), message, errors);
        }
        if (single) {
            return Answers.decided(requestId, HttpStatus.OK, new Answers.Resource(null,
                    new MediaAnswers.TrackFileUploaded(true, "Media uploaded successfully", media.get(0))));
        }
        return Answers.decided(requestId, HttpStatus.CREATED, new Answers.Resource(null,
                new MediaAnswers.FilesUploaded(true, media, media.size() + " files uploaded to release"
                        + (errors.isEmpty() ? "" : "; " + errors.size() + " refused"), errors)));
    }

    /** Royalti's envelope of a media 202: where the outcome will be, and what is pending. */
    private static Success<Object> accepted(UUID requestId, Object data) {
        return Success.of("Accepted; the outcome will be at /requests/" + requestId, data);
    }

    /** What is known of a file whose inspection has not answered yet. */
    private MediaView provisional(MediaUploads.Registration registration) {
        RegisterMedia file = registration.command();
        return new MediaView(file.mediaId(), file.objectKey(), presigning.getUrl(file.bucket(), file.storedKey()),
                null, file.name(), false, file.objectKey(), file.trackId(), "processing",
                new MediaView.Metadata(file.size(), null, file.uploadedAt(),
                        file.trackId() == null ? "release" : "track", file.sha256(), null, null, null, null, null,
                        null, null, null, null, null));
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
}
