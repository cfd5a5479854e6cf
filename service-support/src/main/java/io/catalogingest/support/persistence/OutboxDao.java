package io.catalogingest.support.persistence;

import java.util.List;
import java.util.Map;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The outbox's SQL: the events of a transaction written as one row with the change they announce, read and deleted by
 * whoever publishes them.
 */
interface OutboxDao {

    /**
     * The outbox row and the outcomes of {@link #write} (named CTEs, without {@code with}): {@code written} inserts the
     * row, {@code recorded} the outcomes.
     */
    String WRITTEN_AND_RECORDED = """
            written as (
                insert into outbox (topics, message_keys, event_ids, headers, payloads)
                values (cast(:topics as text[]), cast(:keys as text[]), cast(:eventIds as uuid[]),
                        cast(:headers as text[]), cast(:payloads as text[]))
                returning id, event_ids, payloads
            ), recorded as (
                insert into request_outcome (request_id, tenant_id, outcome, resource_type, resource_id, http_status,
                    message, errors, event_id, event_source, event_topic, event_subject, event_type, event_payload)
                select cast(o.request_id as uuid), o.tenant_id, o.outcome, o.resource_type, o.resource_id,
                    o.http_status, o.message, cast(o.errors as jsonb), w.event_id, o.event_source, o.event_topic,
                    o.event_subject, o.event_type, cast(w.payload as jsonb)
                from unnest(cast(:requestIds as text[]), cast(:tenants as text[]), cast(:outcomes as text[]),
                            cast(:resourceTypes as text[]), cast(:resourceIds as text[]), cast(:statuses as int[]),
                            cast(:messages as text[]), cast(:errors as text[]), cast(:positions as int[]),
                            cast(:eventSources as text[]), cast(:eventTopics as text[]),
                            cast(:eventSubjects as text[]), cast(:eventTypes as text[]))
                     as o(request_id, tenant_id, outcome, resource_type, resource_id, http_status, message, errors,
                          position, event_source, event_topic, event_subject, event_type)
                join (select e.event_id, e.payload, e.position
                      from written, unnest(written.event_ids, written.payloads)
                           with ordinality as e(event_id, payload, position)) w
                  on w.position = o.position
                on conflict (request_id) do nothing
            )
            """;

    /**
     * One statement for a transaction's announcements: its events as ONE row of {@code outbox} (parallel arrays, in
     * the order given; V17) and the request outcomes they announce into {@code request_outcome}, whose
     * {@code event_id} and {@code event_payload} are taken from that row (each event is serialized once). The outcome
     * arrays may be empty; an outcome names its event by its 1-based position in the row (joined, not subscripted:
     * {@code payloads[i]} walks the array from its start, quadratic over a chunk).
     *
     * @return the id of the outbox row
     */
    @SqlQuery("with " + WRITTEN_AND_RECORDED + " select id from written")
    long write(@Bind("topics") String[] topics, @Bind("keys") String[] keys,
               @Bind("eventIds") String[] eventIds, @Bind("headers") String[] headers,
               @Bind("payloads") String[] payloads,
               @Bind("requestIds") String[] requestIds, @Bind("tenants") String[] tenants,
               @Bind("outcomes") String[] outcomes, @Bind("resourceTypes") String[] resourceTypes,
               @Bind("resourceIds") String[] resourceIds, @Bind("statuses") Integer[] statuses,
               @Bind("messages") String[] messages, @Bind("errors") String[] errors,
               @Bind("positions") Integer[] positions, @Bind("eventSources") String[] eventSources,
               @Bind("eventTopics") String[] eventTopics, @Bind("eventSubjects") String[] eventSubjects,
               @Bind("eventTypes") String[] eventTypes);

    /**
     * {@link #write}, and in the same statement the caller's own data-modifying CTEs ({@link JoinedWrite}: {@code joined}
     * is their text, {@code joinedArguments} the values of their parameters).
     *
     * @return the id of the outbox row
     */
    @SqlQuery("with <joined>, " + WRITTEN_AND_RECORDED + " select id from written")
    long writeJoined(@Define("joined") String joined, @BindMap Map<String, Object> joinedArguments,
                     @Bind("topics") String[] topics, @Bind("keys") String[] keys,
                     @Bind("eventIds") String[] eventIds, @Bind("headers") String[] headers,
                     @Bind("payloads") String[] payloads,
                     @Bind("requestIds") String[] requestIds, @Bind("tenants") String[] tenants,
                     @Bind("outcomes") String[] outcomes, @Bind("resourceTypes") String[] resourceTypes,
                     @Bind("resourceIds") String[] resourceIds, @Bind("statuses") Integer[] statuses,
                     @Bind("messages") String[] messages, @Bind("errors") String[] errors,
                     @Bind("positions") Integer[] positions, @Bind("eventSources") String[] eventSources,
                     @Bind("eventTopics") String[] eventTopics, @Bind("eventSubjects") String[] eventSubjects,
                     @Bind("eventTypes") String[] eventTypes);

    /**
     * The oldest rows at least {@code minAgeSeconds} old (each the events of one transaction), locked for the caller's
     * transaction; rows another relay holds are skipped, so relays in several replicas never publish the same row at
     * the same time.
     */
    @SqlQuery("""
            select id, topics, message_keys, headers, payloads from outbox
            where created_at <= now() - make_interval(secs => :minAgeSeconds)
            order by id
            limit :limit
            for update skip locked""")
    @RegisterConstructorMapper(PendingRow.class)
    List<PendingRow> lockPending(@Bind("minAgeSeconds") double minAgeSeconds, @Bind("limit") int limit);

    @SqlUpdate("delete from outbox where id = any(cast(:ids as bigint[]))")
    int delete(@Bind("ids") Long[] ids);

    /** The events waiting in the outbox. */
    @SqlQuery("select coalesce(sum(cardinality(event_ids)), 0) from outbox")
    long backlog();

    /** The events of one transaction waiting in the outbox, encoded as they go on the wire, in order. */
    record PendingRow(long id, String[] topics, String[] messageKeys, String[] headers, String[] payloads) {
    }
}
