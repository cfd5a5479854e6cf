package io.catalogingest.gateway.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.Success;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.FormReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * A workspace's webhooks besides its settings ({@code webhook-url}, {@code webhook-isActive},
 * {@code webhook-enabledEvents} under {@code /tenant/settings}): the signing secret, returned once and rotated by
 * asking for a new one, and the delivery log with re-sends of failed deliveries. Admins only.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    private static final Set<String> STATUSES = Set.of("pending", "success", "failed", "cancelled");
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final WebhookDao store;
    private final SecureRandom random = new SecureRandom();

    WebhookController(Jdbi jdbi) {
        this.store = jdbi.onDemand(WebhookDao.class);
    }

    @Operation(summary = "Create or rotate the webhook signing secret (admin)", description = "The secret is in this "
            + "answer only. The previous one stops signing at once.")
    @ApiResponse(responseCode = "201", description = "The new secret",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = WebhookAnswers.SecretAnswer.class)))
    @PostMapping({"/tenant/webhooks/secret", "/tenant/webhooks/secret/"})
    ResponseEntity<Object> rotateSecret(Caller caller) {
        requireAdmin(caller);
        byte[] key = new byte[32];
        random.nextBytes(key);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        Instant createdAt = store.storeSecret(caller.tenantId(), secret);
        log.info("Workspace {} has a new webhook signing secret (by {})", caller.tenantId(), caller.subject());
        return Answers.created(null, new WebhookAnswers.SecretAnswer(true,
                "Store this secret now: it is not shown again", new WebhookAnswers.Secret(secret, createdAt)));
    }

    @Operation(summary = "The webhook delivery log, newest first (admin)")
    @GetMapping({"/tenant/webhooks/deliveries", "/tenant/webhooks/deliveries/"})
    Success<WebhookAnswers.Deliveries> deliveries(Caller caller, @RequestParam(required = false) String status,
                                                  @RequestParam(required = false) String limit) {
        requireAdmin(caller);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("Invalid status filter",
                    List.of(new FieldError("status", "must be one of pending, success, failed, cancelled")));
        }
        FormReader parameters = new FormReader();
        int size = parameters.wholeNumberParameter(limit, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        parameters.check("Invalid limit");
        return Answers.success(null, new WebhookAnswers.Deliveries(store.deliveries(caller.tenantId(), status, size),
                size));
    }

    @Operation(summary = "One webhook delivery (admin)")
    @GetMapping("/tenant/webhooks/deliveries/{id}")
    Success<WebhookAnswers.Delivery> delivery(Caller caller, @PathVariable String id) {
        requireAdmin(caller);
        return Answers.success(null, store.delivery(caller.tenantId(), id)
                .orElseThrow(() -> ApiException.notFound("Delivery")));
    }

    @Operation(summary = "Send a failed or cancelled delivery again (admin)", description = "The dispatcher makes "
            + "all its attempts again, to the workspace's current URL, signed with the current secret.")
    @ApiResponse(responseCode = "202", description = "The re-send is scheduled",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = WebhookAnswers.DeliveryAnswer.class)))
    @ApiResponse(responseCode = "409", description = "The delivery is pending or succeeded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @PostMapping("/tenant/webhooks/deliveries/{id}/retry")
    ResponseEntity<Object> resend(Caller caller, @PathVariable String id) {
        requireAdmin(caller);
        WebhookAnswers.Delivery delivery = store.delivery(caller.tenantId(), id)
                .orElseThrow(() -> ApiException.notFound("Delivery"));
        if (!store.requestResend(caller.tenantId(), id)) {
            throw new ApiException(HttpStatus.CONFLICT, "Only a failed or cancelled delivery can be sent again",
                    List.of(new FieldError("status", "is " + delivery.status())));
        }
        log.info("Re-send of webhook {} of workspace {} requested by {}", id, caller.tenantId(), caller.subject());
        return Answers.scheduled("/tenant/webhooks/deliveries/" + id, new WebhookAnswers.DeliveryAnswer(true,
                "The delivery will be sent again", store.delivery(caller.tenantId(), id).orElseThrow()));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Webhooks need the admin role");
        }
    }
}
