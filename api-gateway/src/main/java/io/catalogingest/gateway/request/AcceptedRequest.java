package io.catalogingest.gateway.request;

import java.time.Instant;
import java.util.UUID;

/** A request the gateway accepted and published. */
public record AcceptedRequest(UUID requestId, String tenantId, String kind, String resourceId,
                              String idempotencyKey, String bodyHash, Instant createdAt) {
}
