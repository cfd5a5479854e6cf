package io.catalogingest.support.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The consumer ledger's SQL: {@code processed_message} (which messages a consumer has applied) and reads of
 * {@code request_outcome} (what a request came to). Outcomes are written with their events by {@link OutboxDao}.
 * Every statement takes many ids at once: one round trip per batch, whatever its size.
 */
interface LedgerDao {

    /** Claims the messages for a consumer; returns the ids claimed now (an id claimed before is left out). */
    @SqlQuery("""
            insert into processed_message (consumer, message_id)
            select :consumer, cast(id as uuid) from unnest(cast(:ids as text[])) as m(id)
            on conflict do nothing
            returning message_id""")
    List<UUID> claimAll(@Bind("consumer") String consumer, @Bind("ids") String[] messageIds);

    @SqlQuery("""
            select exists (select 1 from processed_message where consumer = :consumer and message_id = :messageId)""")
    boolean appliedBefore(@Bind("consumer") String consumer, @Bind("messageId") UUID messageId);

    /** The outcome events recorded for requests, as stored. */
    @SqlQuery("""
            select request_id, tenant_id, event_id, event_source, event_topic, event_subject, event_type,
                   event_payload::text as event_payload, completed_at
            from request_outcome where request_id = any(cast(:requestIds as uuid[]))""")
    @RegisterConstructorMapper(RecordedRow.class)
    List<RecordedRow> recorded(@Bind("requestIds") String[] requestIds);

    /** A row of {@code request_outcome}: the event that announced a request's outcome. */
    record RecordedRow(UUID requestId, String tenantId, UUID eventId, String eventSource, String eventTopic,
                       String eventSubject, String eventType, String eventPayload, Instant completedAt) {
    }
}
