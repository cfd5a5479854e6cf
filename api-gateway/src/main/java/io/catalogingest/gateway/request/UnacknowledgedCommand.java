package io.catalogingest.gateway.request;

import java.util.UUID;

/**
 * A command the broker did not acknowledge in time, kept in its request row as it goes on the wire (ADR 0014).
 *
 * @param requestId the request (also the command's {@code ce_id})
 * @param topic     the base topic
 * @param key       the record key
 * @param headers   the CloudEvents headers as a JSON object of UTF-8 texts
 * @param payload   the record value
 * @param attempts  how many times a re-sender took it so far
 */
record UnacknowledgedCommand(UUID requestId, String topic, String key, String headers, String payload, int attempts) {
}
