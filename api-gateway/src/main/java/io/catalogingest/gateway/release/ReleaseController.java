package io.catalogingest.gateway.release;

import java.util.List;

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
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.Write;
import tools.jackson.databind.JsonNode;

/**
 * Royalti's release endpoints: {@code POST /releases} (a draft with its tracks), {@code GET /releases/{id}},
 * {@code GET /releases} (page, limit, status, format, type, search) and {@code POST /releases/{id}/submit}. Writes go
 * to the ingest-worker as commands on {@code catalog.release-commands.v1}, keyed by release id; answers are
 * {@code {success, message, data}}, errors the seed's body.
 */
@RestController
class ReleaseController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final CommandKind<CreateRelease> CREATE = new CommandKind<>("release.create",
            Topics.RELEASE_COMMANDS, ReleaseMessages.CREATE_RELEASE);
    private static final CommandKind<SubmitRelease> SUBMIT = new CommandKind<>("release.submit",
            Topics.RELEASE_COMMANDS, ReleaseMessages.SUBMIT_RELEASE);

    private final CommandDispatcher dispatcher;
    private final ReleaseReader releases;

    ReleaseController(CommandDispatcher dispatcher, ReleaseReader releases) {
        this.dispatcher = dispatcher;
        this.releases = releases;
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
        ReleaseStatus status = releases.status(caller.tenantId(), id)
                .orElseThrow(() -> ApiException.notFound("Release"));
        // a quick answer for the obvious case; the worker decides under the release's lock
        status.refusalOf(ReleaseAction.SUBMIT).ifPresent(refusal -> {
            throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
        });
        return answer(caller, dispatcher.dispatch(SUBMIT.request(caller, write, id, new SubmitRelease(id),
                "submit " + id)), "Release submitted for review successfully");
    }

    @GetMapping({"/releases/{id}", "/releases/{id}/"})
    Success<ReleaseView> get(Caller caller, @PathVariable String id) {
        ReleaseView release = releases.find(caller.tenantId(), id).orElseThrow(() -> ApiException.notFound("Release"));
        return Answers.success(null, release);
    }

    @GetMapping({"/releases", "/releases/"})
    Success<ReleasePage> list(Caller caller, @RequestParam(required = false) String page,
                             @RequestParam(required = false) String limit,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String format,
                             @RequestParam(required = false) String type,
                             @RequestParam(required = false) String search) {
        FormReader parameters = new FormReader();
        int pageNumber = parameters.wholeNumberParameter(page, "page", 1, 1_000_000, 1);
        parameters.check("Invalid page");
        int pageSize = parameters.wholeNumberParameter(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        parameters.check("Invalid limit");
        String statusFilter = null;
        if (status != null && !status.isBlank()) {
            try {
                statusFilter = ReleaseStatus.fromJsonName(status.strip().toLowerCase(java.util.Locale.ROOT)).jsonName();
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Invalid status filter", List.of(new FieldError("status", e.getMessage())));
            }
        }
        ReleaseReader.Page found = releases.list(caller.tenantId(), pageNumber, pageSize, statusFilter,
                blankToNull(format), blankToNull(type), blankToNull(search));
        return Answers.success(null, new ReleasePage(found.releases(), found.total(), pageNumber, pageSize,
                (found.total() + pageSize - 1) / pageSize));
    }

    /** 201/200 with the release, the worker's refusal, or 202 with where to ask later. */
    private ResponseEntity<Object> answer(Caller caller, CommandResult result, String message) {
        return Answers.command(result, outcome -> {
            ReleaseView release = releases.find(caller.tenantId(), outcome.resourceId())
                    .orElseThrow(() -> ApiException.notFound("Release"));
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

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
