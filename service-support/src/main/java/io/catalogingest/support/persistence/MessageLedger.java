package io.catalogingest.support.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.core.Handle;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.common.envelope.MessageTypes;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer's memory, read and written in the same transaction as the work it guards: which messages it has
 * applied (so a redelivered record changes nothing) and what each request came to (so its outcome event can be
 * announced again, and the gateway can answer {@code GET /requests/{id}}). Used by {@link AppliedOnce}; features do
 * not call it themselves. The SQL is in {@link LedgerDao}; outcomes are written with their events by the
 * {@link Outbox}.
 */
public class MessageLedger {

    private final JsonMapper json;
    private final MessageTypes types;

    public MessageLedger(JsonMapper json, MessageTypes types) {
        this.json = json;
        this.types = types;
    }

    /** Claims messages for a consumer in one statement; returns those claimed now (not applied before). */
    Set<UUID> claimAll(Handle handle, String consumer, Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        String[] ids = messageIds.stream().map(UUID::toString).toArray(String[]::new);
        return new HashSet<>(handle.attach(LedgerDao.class).claimAll(consumer, ids));
    }

    /** Whether a consumer applied a message before (a read, without claiming it). */
    boolean appliedBefore(Handle handle, String consumer, UUID messageId) {
        return handle.attach(LedgerDao.class).appliedBefore(consumer, messageId);
    }

    /** The outcome events recorded for requests, rebuilt with their original ids, by request id; one statement. */
    Map<UUID, Announcement> recordedEvents(Handle handle, Collection<UUID> requestIds) {
        String[] ids = requestIds.stream().filter(Objects::nonNull).distinct().map(UUID::toString)
                .toArray(String[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        List<LedgerDao.RecordedRow> rows = handle.attach(LedgerDao.class).recorded(ids);
        Map<UUID, Announcement> events = new HashMap<>();
        for (LedgerDao.RecordedRow row : rows) {
            MessageType<?> type = types.byId(row.eventType()).orElseThrow(() ->
                    new IllegalStateException("recorded event type is unknown: " + row.eventType()));
            Object payload = json.readValue(row.eventPayload(), type.payloadClass());
            Envelope<?> event = new Envelope<>(row.eventId(), row.eventSource(), type.id(), row.completedAt(),
                    row.eventSubject(), row.tenantId(), row.requestId(), payload);
            events.put(row.requestId(), new Announcement(row.eventTopic(), event));
        }
        return events;
    }
}
