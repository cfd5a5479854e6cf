package io.catalogingest.gateway.review;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.catalogingest.common.Ids;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.request.Accepted;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.reviews.ReleaseApproved;
import io.catalogingest.common.reviews.ReleaseRejected;
import io.catalogingest.common.reviews.ReviewMessages;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.CommandAnswers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandRequest;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Fingerprint;
import io.catalogingest.gateway.web.IdempotencyKeys;
import io.catalogingest.gateway.web.Prefer;
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

    static final int MAX_FEEDBACK = 5000;

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
    @ApiResponse(responseCode = "202", description = "Accepted; the outcome will be at the Location (Prefer: respond-async, or the wait ran out)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "409", description = "The release is not submitted",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ReviewRequest.class)))
    @PostMapping("/releases/{id}/review")
    ResponseEntity<?> review(Caller caller, @PathVariable String id,
                             @RequestBody(required = false) JsonNode body,
                             @RequestHeader(name = Prefer.HEADER, required = false) String prefer,
                             @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
        if (!caller.isAdmin()) {
            // the security configuration refuses it first; this holds even for a path variant it does not match
            throw new ApiException(HttpStatus.FORBIDDEN, "Reviewing a release needs the admin role");
        }
        String key = IdempotencyKeys.check(idempotencyKey);
        UUID releaseId = releaseId(id);
        if (releases.find(caller.tenantId(), releaseId).isEmpty()) {
            throw ApiException.notFound("Release");
        }
        Review review = Review.of(body);
        String subject = releaseId.toString();
        String fingerprint = Fingerprint.of("review " + subject + " " + review.action() + " "
                + (review.feedback() == null ? "" : review.feedback()));
        CommandResult result = review.approve()
                ? dispatcher.dispatch(new CommandRequest<>(caller, "release.review", Topics.RELEASE_REVIEWS,
                        ReviewMessages.RELEASE_APPROVED, subject,
                        new ReleaseApproved(subject, caller.subject(), review.feedback()), fingerprint, key,
                        Prefer.respondAsync(prefer)))
                : dispatcher.dispatch(new CommandRequest<>(caller, "release.review", Topics.RELEASE_REVIEWS,
                        ReviewMessages.RELEASE_REJECTED, subject,
                        new ReleaseRejected(subject, caller.subject(), review.feedback()), fingerprint, key,
                        Prefer.respondAsync(prefer)));
        return answer(caller, releaseId, result, review.approve() ? "Release approved successfully"
                : "Release rejected successfully");
    }

    private ResponseEntity<Object> answer(Caller caller, UUID releaseId, CommandResult result, String message) {
        return CommandAnswers.answer(result, outcome -> new CommandAnswers.Resource("/releases/" + releaseId,
                new ReviewAnswer(true, message, releases.find(caller.tenantId(), releaseId)
                        .orElseThrow(() -> ApiException.notFound("Release")))));
    }

    private static UUID releaseId(String text) {
        return Ids.uuid(text).orElseThrow(() -> ApiException.notFound("Release"));
    }

    /** The body, checked for shape: every problem, per field, in one 400. */
    private record Review(String action, String feedback) {

        boolean approve() {
            return "approve".equals(action);
        }

        static Review of(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("Invalid review", List.of(new FieldError(null,
                        "the body must be a JSON object {action, feedback}")));
            }
            List<FieldError> errors = new ArrayList<>();
            JsonNode actionNode = body.get("action");
            String action = actionNode != null && actionNode.isString() ? actionNode.asString().strip() : null;
            if (action == null || action.isEmpty()) {
                errors.add(new FieldError("action", "is required: approve or reject"));
            } else if (!action.equals("approve") && !action.equals("reject")) {
                errors.add(new FieldError("action", "must be approve or reject, got '" + action + "'"));
            }
            JsonNode feedbackNode = body.get("feedback");
            String feedback = null;
            if (feedbackNode != null && !feedbackNode.isNull()) {
                if (!feedbackNode.isString()) {
                    errors.add(new FieldError("feedback", "must be a string"));
                } else {
                    feedback = feedbackNode.asString().isBlank() ? null : feedbackNode.asString();
                }
            }
            if (feedback != null && feedback.length() > MAX_FEEDBACK) {
                errors.add(new FieldError("feedback", "must have at most " + MAX_FEEDBACK + " characters"));
            }
            if ("reject".equals(action) && feedback == null) {
                errors.add(new FieldError("feedback", "is required to reject a release"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.badRequest("Invalid review", errors);
            }
            return new Review(action, feedback);
        }
    }
}
