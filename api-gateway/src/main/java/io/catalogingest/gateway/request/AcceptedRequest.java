package io.catalogingest.gateway.request;

import java.time.Instant;
import java.util.UUID;

/**
 * A request the gateway accepted and published.
 *
 * @param publication whether the broker took its command: {@code PENDING} (being published), {@code SENT}
 *                    (acknowledged), {@code UNKNOWN} (no acknowledgement in time; it may still arrive)
 */
public record AcceptedRequest(UUID requestId, String tenantId, String kind, String resourceId,
                              String idempotencyKey, String bodyHash, Instant createdAt, Publication publication) {

    /** A request about to be published. */
    static AcceptedRequest publishing(UUID requestId, String tenantId, String kind, String resourceId,
                                      String idempotencyKey, String bodyHash) {
        return new AcceptedRequest(requestId, tenantId, kind, resourceId, idempotencyKey, bodyHash, null, Publication.PENDING);
    }
}
