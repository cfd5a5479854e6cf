package io.catalogingest.gateway.request;

import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.gateway.security.Caller;

/**
 * A command the gateway is asked to publish.
 *
 * @param kind           what the request does, e.g. {@code product.create} (stored with the request)
 * @param topic          base topic of the command
 * @param subject        the aggregate id: the record key
 * @param bodyHash       fingerprint of the request body, matched against retries with the same idempotency key
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param respondAsync   the client sent {@code Prefer: respond-async}
 */
public record CommandRequest<T>(Caller caller, String kind, String topic, MessageType<T> type, String subject,
                                T payload, String bodyHash, String idempotencyKey, boolean respondAsync) {
}
