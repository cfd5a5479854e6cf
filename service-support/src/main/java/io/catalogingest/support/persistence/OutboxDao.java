package io.catalogingest.support.persistence;

import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The outbox's SQL: events written with the change they announce, read and deleted by whoever publishes them. */
interface OutboxDao {

    /**
     * One statement for a transaction's announcements: the events into {@code outbox} (in the order given) and the
     * request outcomes they announce into {@code request_outcome}, whose {@code event_payload} is the outbox row's
     * JSON (each event is serialized once). The outcome arrays may be empty; an outcome names its event by id.
     *
     * @return the ids of the outbox rows, in the order of the events
     */
    @SqlQuery("""
            with written as (
                insert into outbox (topic, message_key, event_id, headers, payload)
                select e.topic, e.message_key, cast(e.event_id as uuid), cast(e.headers as jsonb), e.payload
                from unnest(cast(:topics as text[]), cast(:keys as text[]), cast(:eventIds as text[]),
                            cast(:headers as text[]), cast(:payloads as text[]))
                     with ordinality as e(topic, message_key, event_id, headers, payload, position)
                order by e.position
                returning id, event_id, payload
            ), recorded as (
                insert into request_outcome (request_id, tenant_id, outcome, resource_type, resource_id, http_status,
                    message, errors, event_id, event_source, event_topic, event_subject, event_type, event_payload)
                select cast(o.request_id as uuid), o.tenant_id, o.outcome, o.resource_type, o.resource_id,
                    o.http_status, o.message, cast(o.errors as jsonb), w.event_id, o.event_source, o.event_topic,
                    o.event_subject, o.event_type, cast(w.payload as jsonb)
                from unnest(cast(:requestIds as text[]), cast(:tenants as text[]), cast(:outcomes as text[]),
                            cast(:resourceTypes as text[]), cast(:resourceIds as text[]), cast(:statuses as int[]),
                            cast(:messages as text[]), cast(:errors as text[]), cast(:outcomeEventIds as text[]),
                            cast(:eventSources as text[]), cast(:eventTopics as text[]),
                            cast(:eventSubjects as text[]), cast(:eventTypes as text[]))
                     as o(request_id, tenant_id, outcome, resource_type, resource_id, http_status, message, errors,
                          event_id, event_source, event_topic, event_subject, event_type)
                join (select distinct on (event_id) event_id, payload from written) w
                  on w.event_id = cast(o.event_id as uuid)
                on conflict (request_id) do nothing
            )
            select id from written order by id""")
    List<Long> write(@Bind("topics") String[] topics, @Bind("keys") String[] keys,
                     @Bind("eventIds") String[] eventIds, @Bind("headers") String[] headers,
                     @Bind("payloads") String[] payloads,
                     @Bind("requestIds") String[] requestIds, @Bind("tenants") String[] tenants,
                     @Bind("outcomes") String[] outcomes, @Bind("resourceTypes") String[] resourceTypes,
                     @Bind("resourceIds") String[] resourceIds, @Bind("statuses") Integer[] statuses,
                     @Bind("messages") String[] messages, @Bind("errors") String[] errors,
                     @Bind("outcomeEventIds") String[] outcomeEventIds, @Bind("eventSources") String[] eventSources,
                     @Bind("eventTopics") String[] eventTopics, @Bind("eventSubjects") String[] eventSubjects,
                     @Bind("eventTypes") String[] eventTypes);

    /**
     * The oldest rows at least {@code minAgeSeconds} old, locked for the caller's transaction; rows another relay
     * holds are skipped, so relays in several replicas never publish the same row at the same time.
     */
    @SqlQuery("""
            select id, topic, message_key, headers::text as headers, payload from outbox
            where created_at <= now() - make_interval(secs => :minAgeSeconds)
            order by id
            limit :limit
            for update skip locked""")
    @RegisterConstructorMapper(PendingRow.class)
    List<PendingRow> lockPending(@Bind("minAgeSeconds") double minAgeSeconds, @Bind("limit") int limit);

    @SqlUpdate("delete from outbox where id = any(cast(:ids as bigint[]))")
    int delete(@Bind("ids") Long[] ids);

    @SqlQuery("select count(*) from outbox")
    long backlog();

    /** An event waiting in the outbox, encoded as it goes on the wire. */
    record PendingRow(long id, String topic, String messageKey, String headers, String payload) {
    }
}
