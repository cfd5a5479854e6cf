package io.catalogingest.gateway.release;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.catalogingest.common.Ids;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseAction;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.CreateRelease;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.SubmitRelease;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.Success;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Write;
import tools.jackson.databind.JsonNode;

/**
 * Royalti's release endpoints: {@code POST /releases} (a draft with its tracks), {@code GET /releases/{id}},
 * {@code GET /releases} (page, limit, status, format, type, search, owner), {@code GET /releases/stats} and
 * {@code POST /releases/{id}/submit}. A user sees and submits their own releases, an admin every one (ADR 0023).
 * Writes go to the ingest-worker as commands on {@code catalog.release-commands.v1}, keyed by release id; answers are
 * {@code {success, message, data}}, errors the seed's body.
 */
@RestController
class ReleaseController {

    private static final CommandKind<CreateRelease> CREATE = new CommandKind<>("release.create",
            Topics.RELEASE_COMMANDS, ReleaseMessages.CREATE_RELEASE);
    private static final CommandKind<SubmitRelease> SUBMIT = new CommandKind<>("release.submit",
            Topics.RELEASE_COMMANDS, ReleaseMessages.SUBMIT_RELEASE);

    private final CommandDispatcher dispatcher;
    private final ReleaseReader releases;
    private final ReleaseAccess access;

    ReleaseController(CommandDispatcher dispatcher, ReleaseReader releases, ReleaseAccess access) {
        this.dispatcher = dispatcher;
        this.releases = releases;
        this.access = access;
    }

    @Operation(summary = "Create a draft release with its tracks")
    @ApiResponse(responseCode = "201", description = "Release created successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "409", description = "The id is taken",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CreateReleaseRequest.class)))
    @PostMapping(path = {"/releases", "/releases/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> create(Caller caller, @RequestBody JsonNode body, Write write) {
        CreateRelease command = ReleaseForm.toCommand(body, owner(caller, body));
        return answer(caller, dispatcher.dispatch(CREATE.request(caller, write, command.releaseId(), command,
                body.toString())), "Release created successfully");
    }

    @Operation(summary = "Submit a draft or rejected release for review")
    @ApiResponse(responseCode = "200", description = "Release submitted for review successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "409", description = "The release changed meanwhile",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping({"/releases/{id}/submit", "/releases/{id}/submit/"})
    ResponseEntity<?> submit(Caller caller, @PathVariable String id, Write write) {
        UUID releaseId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release"));
        ReleaseStatus status = ReleaseStatus.fromJsonName(access.changeable(caller, releaseId).status());
        // a quick answer for the obvious case; the worker decides under the release's lock
        status.refusalOf(ReleaseAction.SUBMIT).ifPresent(refusal -> {
            throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
        });
        return answer(caller, dispatcher.dispatch(SUBMIT.request(caller, write, releaseId.toString(),
                new SubmitRelease(releaseId.toString()), "submit " + releaseId)),
                "Release submitted for review successfully");
    }

    @GetMapping({"/releases/{id}", "/releases/{id}/"})
    Success<ReleaseView> get(Caller caller, @PathVariable String id) {
        return Answers.success(null, visible(caller, id));
    }

    @Operation(summary = "List releases (a user's own; an admin's: the workspace's), filtered and paged")
    @GetMapping({"/releases", "/releases/"})
    Success<ReleasePage> list(Caller caller, @RequestParam(required = false) String page,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String format,
                             @RequestParam(required = false) String type,
                             @RequestParam(required = false) String search,
                             @RequestParam(required = false) String owner) {
        ReleaseQuery query = ReleaseQuery.of(page, limit, status, format, type, search, owner);
        ReleaseReader.Page found = releases.list(caller.tenantId(), ReleaseAccess.scope(caller), query);
        return Answers.success(null, new ReleasePage(found.releases(), found.total(), query.page(), query.limit(),
                (found.total() + query.limit() - 1) / query.limit()));
    }

    @Operation(summary = "Count releases by status (a user's own; an admin's: the workspace's)")
    @GetMapping({"/releases/stats", "/releases/stats/"})
    Success<ReleaseStats> stats(Caller caller) {
        return Answers.success(null, releases.stats(caller.tenantId(), ReleaseAccess.scope(caller)));
    }

    /** The release if the caller may see it: 404 when it is unknown, another workspace's or another user's. */
    private ReleaseView visible(Caller caller, String id) {
        return releases.find(caller.tenantId(), id).filter(release -> ReleaseAccess.sees(caller, release.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Release"));
    }

    /** 201/200 with the release, the worker's refusal, or 202 with where to ask later. */
    private ResponseEntity<Object> answer(Caller caller, CommandResult result, String message) {
        return Answers.command(result, outcome -> {
            ReleaseView release = visible(caller, outcome.resourceId());
            return new Answers.Resource("/releases/" + release.id(), new ReleaseAnswer(true, message, release));
        });
    }

    /** The release's owner: the caller, or the {@code ownerId} an admin gives. */
    private static String owner(Caller caller, JsonNode body) {
        JsonNode ownerId = body == null ? null : body.get("ownerId");
        if (ownerId == null || ownerId.isNull()) {
            return caller.subject();
        }
        if (!ownerId.isString() || ownerId.asString().isBlank() || ownerId.asString().length() > 255) {
            throw ApiException.badRequest("Invalid release", List.of(new FieldError("ownerId", "must be a user id")));
        }
        if (!caller.isAdmin() && !ownerId.asString().equals(caller.subject())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only an admin can create a release on someone else's behalf");
        }
        return ownerId.asString();
    }
}
