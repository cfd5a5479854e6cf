package io.catalogingest.gateway.release;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.AddTrack;
import io.catalogingest.common.release.DeleteRelease;
import io.catalogingest.common.release.DeleteTrack;
import io.catalogingest.common.release.LinkAsset;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.ReorderTracks;
import io.catalogingest.common.release.UpdateRelease;
import io.catalogingest.common.release.UpdateTrack;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Write;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/**
 * Royalti's release editing: {@code PUT /releases/{id}}, the track endpoints (add, update, delete, reorder, link an
 * asset) and {@code DELETE /releases/{id}}. The release's owner or an admin may edit, only in {@code draft} or
 * {@code rejected} (delete: {@code draft}); the gateway checks shape, owner and status for a quick answer, and the
 * ingest-worker decides under the release's lock. Every edit answers with the release as it is afterwards.
 */
@RestController
class ReleaseEditController {

    private static final CommandKind<UpdateRelease> UPDATE = new CommandKind<>("release.update",
            Topics.RELEASE_COMMANDS, ReleaseMessages.UPDATE_RELEASE);
    private static final CommandKind<AddTrack> ADD_TRACK = new CommandKind<>("release.track.add",
            Topics.RELEASE_COMMANDS, ReleaseMessages.ADD_TRACK);
    private static final CommandKind<UpdateTrack> UPDATE_TRACK = new CommandKind<>("release.track.update",
            Topics.RELEASE_COMMANDS, ReleaseMessages.UPDATE_TRACK);
    private static final CommandKind<DeleteTrack> DELETE_TRACK = new CommandKind<>("release.track.delete",
            Topics.RELEASE_COMMANDS, ReleaseMessages.DELETE_TRACK);
    private static final CommandKind<ReorderTracks> REORDER = new CommandKind<>("release.tracks.reorder",
            Topics.RELEASE_COMMANDS, ReleaseMessages.REORDER_TRACKS);
    private static final CommandKind<LinkAsset> LINK_ASSET = new CommandKind<>("release.track.link-asset",
            Topics.RELEASE_COMMANDS, ReleaseMessages.LINK_ASSET);
    private static final CommandKind<DeleteRelease> DELETE = new CommandKind<>("release.delete",
            Topics.RELEASE_COMMANDS, ReleaseMessages.DELETE_RELEASE);

    private final CommandDispatcher dispatcher;
    private final ReleaseReader releases;
    private final ReleaseAccess access;

    ReleaseEditController(CommandDispatcher dispatcher, ReleaseReader releases, ReleaseAccess access) {
        this.dispatcher = dispatcher;
        this.releases = releases;
        this.access = access;
    }

    @Operation(summary = "Update a release's fields (partial; owner or admin; only in draft or rejected)")
    @ApiResponse(responseCode = "200", description = "Release updated successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "400", description = "Invalid fields, or the release is not in draft or rejected",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "403", description = "Neither the release's owner nor an admin",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = UpdateReleaseRequest.class)))
    @PutMapping(path = {"/releases/{id}", "/releases/{id}/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> update(Caller caller, @PathVariable String id, @RequestBody JsonNode body, Write write) {
        String releaseId = editable(caller, id, write);
        UpdateRelease command = ReleaseForm.toUpdate(body, releaseId);
        return answer(caller, dispatcher.dispatch(UPDATE.request(caller, write, releaseId, command,
                "PUT " + releaseId + " " + body)), "Release updated successfully");
    }

    @Operation(summary = "Add a track (trackNumber: where it goes, default last; the others move down)")
    @ApiResponse(responseCode = "201", description = "Track added successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "400", description = "Invalid track, or the release is not in draft or rejected",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreateReleaseRequest.TrackRequest.class)))
    @PostMapping(path = {"/releases/{id}/tracks", "/releases/{id}/tracks/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> addTrack(Caller caller, @PathVariable String id, @RequestBody JsonNode body, Write write) {
        String releaseId = editable(caller, id, write);
        AddTrack command = new AddTrack(releaseId, ReleaseForm.toTrack(body));
        return answer(caller, dispatcher.dispatch(ADD_TRACK.request(caller, write, releaseId, command,
                "POST tracks " + releaseId + " " + body)), "Track added successfully");
    }

    @Operation(summary = "Update a track's fields (partial; only in draft or rejected)")
    @ApiResponse(responseCode = "200", description = "Track updated successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "404", description = "No such release or track",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreateReleaseRequest.TrackRequest.class)))
    @PutMapping(path = {"/releases/{id}/tracks/{trackId}", "/releases/{id}/tracks/{trackId}/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> updateTrack(Caller caller, @PathVariable String id, @PathVariable String trackId,
                                  @RequestBody JsonNode body, Write write) {
        String releaseId = editable(caller, id, write);
        String track = track(caller, releaseId, trackId, write);
        UpdateTrack command = new UpdateTrack(releaseId, track, ReleaseForm.toTrackChanges(body));
        return answer(caller, dispatcher.dispatch(UPDATE_TRACK.request(caller, write, releaseId, command,
                "PUT track " + track + " " + body)), "Track updated successfully");
    }

    @Operation(summary = "Delete a track and its media (only in draft or rejected; the tracks after it move up)")
    @ApiResponse(responseCode = "200", description = "Track deleted successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "404", description = "No such release or track",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping({"/releases/{id}/tracks/{trackId}", "/releases/{id}/tracks/{trackId}/"})
    ResponseEntity<?> deleteTrack(Caller caller, @PathVariable String id, @PathVariable String trackId, Write write) {
        String releaseId = editable(caller, id, write);
        String track = track(caller, releaseId, trackId, write);
        return answer(caller, dispatcher.dispatch(DELETE_TRACK.request(caller, write, releaseId,
                new DeleteTrack(releaseId, track), "DELETE track " + track)), "Track deleted successfully");
    }

    @Operation(summary = "Reorder the tracks: {trackOrder: [every track id once]}; numbered 1..n in that order")
    @ApiResponse(responseCode = "200", description = "Tracks reordered successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "400", description = "trackOrder does not name every track once, or wrong status",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ReorderTracksRequest.class)))
    @PostMapping(path = {"/releases/{id}/tracks/reorder", "/releases/{id}/tracks/reorder/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> reorder(Caller caller, @PathVariable String id, @RequestBody JsonNode body, Write write) {
        String releaseId = editable(caller, id, write);
        ReorderTracks command = ReleaseForm.toReorder(body, releaseId);
        return answer(caller, dispatcher.dispatch(REORDER.request(caller, write, releaseId, command,
                "POST reorder " + releaseId + " " + body)), "Tracks reordered successfully");
    }

    @Operation(summary = "Add an existing asset of the workspace as a track: {assetId, trackNumber?, overrides?}")
    @ApiResponse(responseCode = "201", description = "Asset linked to release successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "404", description = "No such release or asset",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = LinkAssetRequest.class)))
    @PostMapping(path = {"/releases/{id}/tracks/link-asset", "/releases/{id}/tracks/link-asset/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> linkAsset(Caller caller, @PathVariable String id, @RequestBody JsonNode body, Write write) {
        String releaseId = editable(caller, id, write);
        LinkAsset command = ReleaseForm.toLinkAsset(body, releaseId);
        return answer(caller, dispatcher.dispatch(LINK_ASSET.request(caller, write, releaseId, command,
                "POST link-asset " + releaseId + " " + body)), "Asset linked to release successfully");
    }

    @Operation(summary = "Delete a draft release with its tracks and media (owner or admin)")
    @ApiResponse(responseCode = "200", description = "Release deleted successfully")
    @ApiResponse(responseCode = "400", description = "The release is not a draft",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @DeleteMapping({"/releases/{id}", "/releases/{id}/"})
    ResponseEntity<?> delete(Caller caller, @PathVariable String id, Write write) {
        String releaseId = owned(caller, id, write, ReleaseStatus::deleteRefusal);
        CommandResult result = dispatcher.dispatch(DELETE.request(caller, write, releaseId,
                new DeleteRelease(releaseId), "DELETE " + releaseId));
        return Answers.command(result, outcome -> new Answers.Resource(null, new Deleted(true,
                "Release deleted successfully", Map.of("id", releaseId))));
    }

    /** Royalti's envelope around what a delete answers. */
    record Deleted(boolean success, String message, Map<String, String> data) {
    }

    /** The release's id if the caller may edit it now: 404 unknown, 403 not the owner nor an admin, 400 status. */
    private String editable(Caller caller, String id, Write write) {
        return owned(caller, id, write, ReleaseStatus::editRefusal);
    }

    /**
     * The release's id if the caller may change it now (404, 403, 400 otherwise), given the refusal of its status. A
     * retry of an earlier request (same Idempotency-Key) is not checked: it gets the first request's answer.
     */
    private String owned(Caller caller, String id, Write write,
                         Function<ReleaseStatus, Optional<String>> refusalIn) {
        UUID releaseId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release"));
        if (dispatcher.isRetry(caller.tenantId(), write.idempotencyKey())) {
            return releaseId.toString();
        }
        ReleaseAccessDao.Row release = access.changeable(caller, releaseId);
        // a quick answer for the obvious case; the worker decides under the release's lock
        refusalIn.apply(ReleaseStatus.fromJsonName(release.status())).ifPresent(refusal -> {
            throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
        });
        return releaseId.toString();
    }

    private String track(Caller caller, String releaseId, String trackId, Write write) {
        if (!dispatcher.isRetry(caller.tenantId(), write.idempotencyKey())
                && !releases.trackExists(caller.tenantId(), releaseId, trackId)) {
            throw ApiException.notFound("Track");
        }
        return Ids.uuid(trackId).orElseThrow(() -> ApiException.notFound("Track")).toString();
    }

    /** 201/200 with the release as it is now, the worker's refusal, or 202 with where to ask later. */
    private ResponseEntity<Object> answer(Caller caller, CommandResult result, String message) {
        return Answers.command(result, outcome -> {
            ReleaseView release = releases.find(caller.tenantId(), outcome.resourceId())
                    .filter(found -> ReleaseAccess.sees(caller, found.ownerId()))
                    .orElseThrow(() -> ApiException.notFound("Release"));
            return new Answers.Resource("/releases/" + release.id(), new ReleaseAnswer(true, message, release));
        });
    }
}
