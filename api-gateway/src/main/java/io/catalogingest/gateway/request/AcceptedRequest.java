package io.catalogingest.gateway.request;

import java.time.Instant;
import java.util.UUID;

/**
 * A request the gateway accepted and published.
 *
 * @param publication whether the broker took its command: {@code pending} (being published), {@code sent}
 *                    (acknowledged), {@code unknown} (no acknowledgement in time; it may still arrive)
 */
public record AcceptedRequest(UUID requestId, String tenantId, String kind, String resourceId,
                              String idempotencyKey, String bodyHash, Instant createdAt, String publication) {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String UNKNOWN = "unknown";

    /** A request about to be published. */
    static AcceptedRequest publishing(UUID requestId, String tenantId, String kind, String resourceId,
                                      String idempotencyKey, String bodyHash) {
        return new AcceptedRequest(requestId, tenantId, kind, resourceId, idempotencyKey, bodyHash, null, PENDING);
    }
}
