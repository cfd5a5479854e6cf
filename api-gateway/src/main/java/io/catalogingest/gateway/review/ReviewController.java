package io.catalogingest.gateway.review;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.Ids;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.review.ReleaseApproved;
import io.catalogingest.common.review.ReleaseRejected;
import io.catalogingest.common.review.ReviewMessages;
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
 * {@code POST /releases/{id}/review} (admin role, enforced by the security configuration): Royalti's review
 * endpoint, {@code {action: approve|reject, feedback}}. It publishes the same {@link ReleaseApproved} or
 * {@link ReleaseRejected} event an internal review service would (on {@code catalog.release-reviews.v1}, keyed by
 * the release id, the caller as reviewer) and answers like every write: 200 with the reviewed release once the
 * approval-worker applied it, its 400/404 when it refused (only a {@code submitted} release can be reviewed), or
 * 202 with {@code /requests/{id}}. Promotion and auto-creation continue after the answer.
 */
@RestController
class ReviewController {

    private static final CommandKind<ReleaseApproved> APPROVE = new CommandKind<>("release.review",
            Topics.RELEASE_REVIEWS, ReviewMessages.RELEASE_APPROVED);
    private static final CommandKind<ReleaseRejected> REJECT = new CommandKind<>("release.review",
            Topics.RELEASE_REVIEWS, ReviewMessages.RELEASE_REJECTED);

    private final CommandDispatcher dispatcher;
    private final ReviewReader releases;

    ReviewController(CommandDispatcher dispatcher, ReviewReader releases) {
        this.dispatcher = dispatcher;
        this.releases = releases;
    }

    // no trailing-slash variant: the security configuration requires the admin role on exactly /releases/*/review
    @Operation(summary = "Approve or reject a submitted release (admin)")
    @ApiResponse(responseCode = "200", description = "Release approved / rejected successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReviewAnswer.class)))
    @ApiResponse(responseCode = "400", description = "The release is not submitted (the message names its status), "
            + "or the review is invalid",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ReviewRequest.class)))
    @PostMapping("/releases/{id}/review")
    ResponseEntity<?> review(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body,
                             Write write) {
        if (!caller.isAdmin()) {
            // the security configuration refuses it first; this holds even for a path variant it does not match
            throw new ApiException(HttpStatus.FORBIDDEN, "Reviewing a release needs the admin role");
        }
        UUID releaseId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("Release"));
        if (releases.find(caller.tenantId(), releaseId).isEmpty()) {
            throw ApiException.notFound("Release");
        }
        ReviewForm review = ReviewForm.of(body);
        String subject = releaseId.toString();
        String canonical = "review " + subject + " " + review.action() + " "
                + (review.feedback() == null ? "" : review.feedback());
        CommandResult result = review.approve()
                ? dispatcher.dispatch(APPROVE.request(caller, write, subject,
                        new ReleaseApproved(subject, caller.subject(), review.feedback()), canonical))
                : dispatcher.dispatch(REJECT.request(caller, write, subject,
                        new ReleaseRejected(subject, caller.subject(), review.feedback()), canonical));
        String message = review.approve() ? "Release approved successfully" : "Release rejected successfully";
        return Answers.command(result, outcome -> new Answers.Resource("/releases/" + releaseId,
                new ReviewAnswer(true, message, releases.find(caller.tenantId(), releaseId)
                        .orElseThrow(() -> ApiException.notFound("Release")))));
    }
}
