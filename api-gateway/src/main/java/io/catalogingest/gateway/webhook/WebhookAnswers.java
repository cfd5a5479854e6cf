package io.catalogingest.gateway.webhook;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the webhook endpoints ({@code data} of Royalti's envelope). */
final class WebhookAnswers {

    private WebhookAnswers() {
    }

    /** A new signing secret: shown in this answer only. */
    @Schema(name = "WebhookSecret")
    record Secret(@Schema(description = "HMAC-SHA256 key of X-Catalog-Signature; store it now, it is not shown "
            + "again", example = "whsec_…") String secret, Instant createdAt) {
    }

    @Schema(name = "WebhookSecretAnswer")
    record SecretAnswer(boolean success, String message, Secret data) {
    }

    /**
     * One entry of the delivery log.
     *
     * @param status pending (attempts left), success, failed (attempts used up, or the target was refused) or
     *               cancelled (the workspace had no signing secret)
     */
    @Schema(name = "WebhookDelivery")
    record Delivery(String id, @Schema(example = "RELEASE_SUBMITTED") String event, String eventType,
                    String subject, String requestId, Instant eventTime, String url,
                    @Schema(allowableValues = {"pending", "success", "failed", "cancelled"}) String status,
                    int attempts, int maxAttempts, Integer lastStatusCode, String lastError, Instant nextRetryAt,
                    Instant resendRequestedAt, Instant createdAt, Instant updatedAt, Instant deliveredAt) {
    }

    @Schema(name = "WebhookDeliveryAnswer")
    record DeliveryAnswer(boolean success, String message, Delivery data) {
    }

    @Schema(name = "WebhookDeliveries")
    record Deliveries(List<Delivery> deliveries, int limit) {
    }
}
