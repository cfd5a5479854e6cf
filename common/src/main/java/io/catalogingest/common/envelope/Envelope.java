package io.catalogingest.common.envelope;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message on the wire: CloudEvents attributes plus the payload record.
 *
 * @param id        unique message id ({@code ce_id}); consumers dedupe on it
 * @param source    who produced it, e.g. {@code /api-gateway}
 * @param type      logical type id ({@code ce_type})
 * @param time      when it was produced
 * @param subject   the aggregate id; also the Kafka record key
 * @param tenantId  the tenant the message belongs to
 * @param requestId the HTTP request that caused it (null when none did)
 * @param payload   the command or event record
 */
public record Envelope<T>(UUID id, String source, String type, Instant time, String subject, String tenantId,
                          UUID requestId, T payload) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new message with a fresh id and the current time. */
    public static <T> Envelope<T> create(MessageType<T> type, String source, String subject, String tenantId,
                                         UUID requestId, T payload) {
        return new Envelope<>(UUID.randomUUID(), source, type.id(), Instant.now(), subject, tenantId, requestId, payload);
    }

    /** A message caused by this one: same tenant and request, its own id. */
    public <R> Envelope<R> reply(MessageType<R> replyType, String replySource, String replySubject, R replyPayload) {
        return create(replyType, replySource, replySubject, tenantId, requestId, replyPayload);
    }
}
