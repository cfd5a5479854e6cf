package io.catalogingest.ingest.product;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.core.Handle;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.support.persistence.Outcome;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link io.catalogingest.support.persistence.MessageLedger}'s claim and record for many messages at once: one
 * statement each, whatever the number, in the caller's transaction. Same tables, same meaning.
 */
final class BatchLedger {

    private final JsonMapper json;

    BatchLedger(JsonMapper json) {
        this.json = json;
    }

    /** A command and what applying it came to. */
    record Entry(Envelope<?> cause, Outcome outcome) {
    }

    /**
     * Claims the messages for a consumer.
     *
     * @return the ids claimed now; an id applied before (or twice in {@code messageIds}) is claimed at most once
     */
    Set<UUID> claimAll(Handle handle, String consumer, Collection<UUID> messageIds) {
        return new HashSet<>(handle.createQuery("""
                        insert into processed_message (consumer, message_id)
                        select :consumer, cast(id as uuid) from unnest(cast(:ids as text[])) as m(id)
                        on conflict do nothing
                        returning message_id""")
                .bind("consumer", consumer)
                .bindArray("ids", String.class, messageIds.stream().map(UUID::toString).toList())
                .mapTo(UUID.class)
                .list());
    }

    /** Records the outcome of each entry's request; entries without a request are skipped. */
    void recordAll(Handle handle, List<Entry> entries) {
        List<String> requestIds = new ArrayList<>();
        List<String> tenants = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> resourceTypes = new ArrayList<>();
        List<String> resourceIds = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        List<String> eventSources = new ArrayList<>();
        List<String> eventTopics = new ArrayList<>();
        List<String> eventSubjects = new ArrayList<>();
        List<String> eventTypes = new ArrayList<>();
        List<String> eventPayloads = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.cause().requestId() == null) {
                continue;
            }
            Outcome outcome = entry.outcome();
            Envelope<?> event = outcome.event();
            requestIds.add(entry.cause().requestId().toString());
            tenants.add(entry.cause().tenantId());
            outcomes.add(outcome.succeeded() ? "succeeded" : "rejected");
            resourceTypes.add(outcome.resourceType());
            resourceIds.add(outcome.resourceId());
            statuses.add(outcome.httpStatus());
            messages.add(outcome.message());
            errors.add(json.writeValueAsString(outcome.errors()));
            eventIds.add(event.id().toString());
            eventSources.add(event.source());
            eventTopics.add(outcome.topic());
            eventSubjects.add(event.subject());
            eventTypes.add(event.type());
            eventPayloads.add(json.writeValueAsString(event.payload()));
        }
        if (requestIds.isEmpty()) {
            return;
        }
        handle.createUpdate("""
                        insert into request_outcome (request_id, tenant_id, outcome, resource_type, resource_id,
                            http_status, message, errors, event_id, event_source, event_topic, event_subject,
                            event_type, event_payload)
                        select cast(request_id as uuid), tenant_id, outcome, resource_type, resource_id, http_status,
                            message, cast(errors as jsonb), cast(event_id as uuid), event_source, event_topic,
                            event_subject, event_type, cast(event_payload as jsonb)
                        from unnest(cast(:requestIds as text[]), cast(:tenants as text[]), cast(:outcomes as text[]),
                            cast(:resourceTypes as text[]), cast(:resourceIds as text[]), cast(:statuses as int[]),
                            cast(:messages as text[]), cast(:errors as text[]), cast(:eventIds as text[]),
                            cast(:eventSources as text[]), cast(:eventTopics as text[]),
                            cast(:eventSubjects as text[]), cast(:eventTypes as text[]),
                            cast(:eventPayloads as text[]))
                            as o(request_id, tenant_id, outcome, resource_type, resource_id, http_status, message,
                                 errors, event_id, event_source, event_topic, event_subject, event_type, event_payload)
                        on conflict (request_id) do nothing""")
                .bindArray("requestIds", String.class, requestIds)
                .bindArray("tenants", String.class, tenants)
                .bindArray("outcomes", String.class, outcomes)
                .bindArray("resourceTypes", String.class, resourceTypes)
                .bindArray("resourceIds", String.class, resourceIds)
                .bindArray("statuses", Integer.class, statuses)
                .bindArray("messages", String.class, messages)
                .bindArray("errors", String.class, errors)
                .bindArray("eventIds", String.class, eventIds)
                .bindArray("eventSources", String.class, eventSources)
                .bindArray("eventTopics", String.class, eventTopics)
                .bindArray("eventSubjects", String.class, eventSubjects)
                .bindArray("eventTypes", String.class, eventTypes)
                .bindArray("eventPayloads", String.class, eventPayloads)
                .execute();
    }
}
