package io.catalogingest.gateway.release;

import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.RetryAutoCreation;
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

/**
 * {@code POST /releases/{id}/retry-auto-creation} (admin): try again the auto-creation of an {@code approved} release
 * whose auto-creation failed, once its cause is fixed (ADR 0021). Answers with the release, pending again; its
 * completion (or a new failure) follows as events.
 */
@RestController
class AutoCreationRetryController {

    private static final CommandKind<RetryAutoCreation> RETRY = new CommandKind<>("release.auto-creation.retry",
            Topics.RELEASE_COMMANDS, ReleaseMessages.RETRY_AUTO_CREATION);

    private final CommandDispatcher dispatcher;
    private final ReleaseReader releases;
    private final ReleaseAccessDao access;

    AutoCreationRetryController(CommandDispatcher dispatcher, ReleaseReader releases, Jdbi jdbi) {
        this.dispatcher = dispatcher;
        this.releases = releases;
        this.access = jdbi.onDemand(ReleaseAccessDao.class);
    }

    @Operation(summary = "Retry the failed auto-creation of an approved release (admin)")
    @ApiResponse(responseCode = "200", description = "Auto-creation retried",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReleaseAnswer.class)))
    @ApiResponse(responseCode = "400", description = "The release is not approved with autoCreationStatus=failed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "403", description = "Admin access required",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping({"/releases/{id}/retry-auto-creation", "/releases/{id}/retry-auto-creation/"})
    ResponseEntity<?> retry(Caller caller, @PathVariable String id, Write write) {
        if (!caller.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Admin access required");
        }
        UUID releaseId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release"));
        if (!dispatcher.isRetry(caller.tenantId(), write.idempotencyKey())) {
            ReleaseAccessDao.Row release = access.find(caller.tenantId(), releaseId)
                    .orElseThrow(() -> ApiException.notFound("Release"));
            // a quick answer for the obvious case; the worker decides under the release's lock
            if (!"approved".equals(release.status()) || !"failed".equals(release.autoCreationStatus())) {
                String refusal = "Release is '" + release.status() + "' with autoCreationStatus '"
                        + release.autoCreationStatus() + "'; only an 'approved' release whose auto-creation "
                        + "'failed' can be retried";
                throw ApiException.badRequest(refusal, List.of(new FieldError("status", refusal)));
            }
        }
        String release = releaseId.toString();
        return Answers.command(dispatcher.dispatch(RETRY.request(caller, write, release,
                new RetryAutoCreation(release), "retry-auto-creation " + release)), outcome -> {
            ReleaseView view = releases.find(caller.tenantId(), outcome.resourceId())
                    .orElseThrow(() -> ApiException.notFound("Release"));
            return new Answers.Resource("/releases/" + view.id(), new ReleaseAnswer(true,
                    "Auto-creation of the release retried", view));
        });
    }
}
