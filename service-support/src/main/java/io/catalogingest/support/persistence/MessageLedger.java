package io.catalogingest.support.persistence;

import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.common.envelope.MessageTypes;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer's memory, written in the same transaction as the work it guards: which messages it has applied
 * (so a redelivered record changes nothing) and what each request came to (so its outcome event can be
 * published again, and the gateway can answer {@code GET /requests/{id}}).
 */
public class MessageLedger {

    private final JsonMapper json;
    private final MessageTypes types;

    public MessageLedger(JsonMapper json, MessageTypes types) {
        this.json = json;
        this.types = types;
    }

    /** Claims a message for a consumer; false when it was applied before. */
    public boolean claim(Handle handle, String consumer, UUID messageId) {
        return handle.createUpdate("""
                        insert into processed_message (consumer, message_id) values (:consumer, :messageId)
                        on conflict do nothing""")
                .bind("consumer", consumer).bind("messageId", messageId).execute() == 1;
    }

    /** Records the outcome of the request that caused {@code cause}; a no-op for messages without a request. */
    public void record(Handle handle, Envelope<?> cause, Outcome outcome) {
        if (cause.requestId() == null) {
            return;
        }
        Envelope<?> event = outcome.event();
        handle.createUpdate("""
                        insert into request_outcome (request_id, tenant_id, outcome, resource_type, resource_id,
                            http_status, message, errors, event_id, event_source, event_topic, event_subject,
                            event_type, event_payload)
                        values (:requestId, :tenantId, :outcome, :resourceType, :resourceId, :httpStatus, :message,
                            cast(:errors as jsonb), :eventId, :eventSource, :eventTopic, :eventSubject, :eventType,
                            cast(:eventPayload as jsonb))
                        on conflict (request_id) do nothing""")
                .bind("requestId", cause.requestId())
                .bind("tenantId", cause.tenantId())
                .bind("outcome", outcome.succeeded() ? "succeeded" : "rejected")
                .bind("resourceType", outcome.resourceType())
                .bind("resourceId", outcome.resourceId())
                .bind("httpStatus", outcome.httpStatus())
                .bind("message", outcome.message())
                .bind("errors", json.writeValueAsString(outcome.errors()))
                .bind("eventId", event.id())
                .bind("eventSource", event.source())
                .bind("eventTopic", outcome.topic())
                .bind("eventSubject", event.subject())
                .bind("eventType", event.type())
                .bind("eventPayload", json.writeValueAsString(event.payload()))
                .execute();
    }

    /** The outcome event recorded for a request, rebuilt with its original id, to publish again. */
    public Optional<RecordedEvent> recordedEvent(Handle handle, UUID requestId) {
        if (requestId == null) {
            return Optional.empty();
        }
        return handle.createQuery("""
                        select tenant_id, event_id, event_source, event_topic, event_subject, event_type,
                               event_payload::text as event_payload, completed_at
                        from request_outcome where request_id = :requestId""")
                .bind("requestId", requestId)
                .map((rs, ctx) -> {
                    String typeId = rs.getString("event_type");
                    MessageType<?> type = types.byId(typeId).orElseThrow(() ->
                            new IllegalStateException("recorded event type is unknown: " + typeId));
                    Object payload = json.readValue(rs.getString("event_payload"), type.payloadClass());
                    Envelope<?> event = new Envelope<>(rs.getObject("event_id", UUID.class),
                            rs.getString("event_source"), type.id(), rs.getTimestamp("completed_at").toInstant(),
                            rs.getString("event_subject"), rs.getString("tenant_id"), requestId, payload);
                    return new RecordedEvent(rs.getString("event_topic"), event);
                })
                .findOne();
    }

    /** An outcome event and the base topic it belongs to. */
    public record RecordedEvent(String topic, Envelope<?> event) {
    }
}
