package io.catalogingest.gateway.release;

import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.AutoCreationStatus;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.RevertRelease;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Write;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /releases/{id}/revert-status} (admin; Royalti's T9/T10, ADR 0021): a release goes back to
 * {@code draft} (from {@code rejected}, {@code approved} or {@code completed}) or to {@code submitted} (from
 * {@code approved} whose auto-creation failed), with a reason. The ingest-worker moves its promoted files back to
 * temporary storage and clears what its approval created; the answer names the status before and after.
 */
@RestController
class ReleaseRevertController {

    private static final CommandKind<RevertRelease> REVERT = new CommandKind<>("release.revert",
            Topics.RELEASE_COMMANDS, ReleaseMessages.REVERT_RELEASE);

    private final CommandDispatcher dispatcher;
    private final ReleaseAccessDao access;
    private final RevertAuditDao audits;

    ReleaseRevertController(CommandDispatcher dispatcher, Jdbi jdbi) {
        this.dispatcher = dispatcher;
        this.access = jdbi.onDemand(ReleaseAccessDao.class);
        this.audits = jdbi.onDemand(RevertAuditDao.class);
    }

    /** Royalti's answer: {@code data: {id, status, previousStatus, reason}}, and what the revert removed. */
    record Reverted(String id, String status, String previousStatus, String reason, String deletedProductId,
                    List<String> deletedAssetIds, int restoredMediaCount) {
    }

    /** Royalti's envelope around a revert. */
    record RevertAnswer(boolean success, String message, Reverted data) {
    }

    @Operation(summary = "Revert a release's status (admin): to draft from rejected, approved or completed; to "
            + "submitted from approved whose auto-creation failed")
    @ApiResponse(responseCode = "200", description = "Release status reverted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RevertAnswer.class)))
    @ApiResponse(responseCode = "400", description = "Invalid target status or missing reason, or the release's "
            + "status allows no such revert (the status is named)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "403", description = "Admin access required",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "No such release in the workspace",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "The release's approval is being driven right now",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RevertReleaseRequest.class)))
    @PostMapping(path = {"/releases/{id}/revert-status", "/releases/{id}/revert-status/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> revert(Caller caller, @PathVariable String id, @RequestBody JsonNode body, Write write) {
        if (!caller.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Admin access required");
        }
        UUID releaseId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release"));
        RevertForm.Revert revert = RevertForm.read(body);
        if (!dispatcher.isRetry(caller.tenantId(), write.idempotencyKey())) {
            ReleaseAccessDao.Row release = access.find(caller.tenantId(), releaseId)
                    .orElseThrow(() -> ApiException.notFound("Release"));
            // a quick answer for the obvious case; the worker decides under the release's lock
            ReleaseStatus.fromJsonName(release.status()).revertRefusal(revert.targetStatus(),
                    release.autoCreationStatus() == null ? null
                            : AutoCreationStatus.fromJsonName(release.autoCreationStatus())).ifPresent(refusal -> {
                                throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
                            });
        }
        String release = releaseId.toString();
        RevertRelease command = new RevertRelease(release, revert.targetStatus(), revert.reason(), caller.subject());
        return Answers.command(dispatcher.dispatch(REVERT.request(caller, write, release, command,
                "revert-status " + release + " " + body)), outcome -> {
            RevertAuditDao.Row row = audits.byRequest(caller.tenantId(), outcome.requestId())
                    .orElseThrow(() -> ApiException.notFound("Release"));
            return new Answers.Resource("/releases/" + release, new RevertAnswer(true,
                    "Release status reverted to \"" + row.toStatus() + "\" successfully",
                    new Reverted(release, row.toStatus(), row.fromStatus(), row.reason(), row.deletedProductId(),
                            row.deletedAssetIds(), row.restoredMedia())));
        });
    }
}
