package io.catalogingest.gateway.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The request registry (the one table the gateway writes) and the outcomes workers recorded (read only). */
@RegisterConstructorMapper(AcceptedRequest.class)
@RegisterRowMapper(RequestDao.OutcomeRowMapper.class)
@RegisterConstructorMapper(RequestDao.KeptCommandRow.class)
interface RequestDao {

    /** A row of {@code request_outcome}; {@code errors} as JSON text. */
    record OutcomeRow(UUID requestId, String tenantId, RequestOutcome.Kind outcome, String resourceType, String resourceId,
                      int httpStatus, String message, String errors, Instant completedAt) {
    }

    /**
     * Maps an {@link OutcomeRow} by hand: a constructor mapper works its columns out again for every result set, a
     * fifth of the outcome read that every synchronous command makes (docs/adr/0027). The outcome goes through the
     * project's enum mapping ({@code CatalogJdbi}).
     */
    final class OutcomeRowMapper implements RowMapper<OutcomeRow> {

        @Override
        public OutcomeRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            OffsetDateTime completedAt = rs.getObject("completed_at", OffsetDateTime.class);
            return new OutcomeRow(rs.getObject("request_id", UUID.class), rs.getString("tenant_id"),
                    ctx.findColumnMapperFor(RequestOutcome.Kind.class).orElseThrow().map(rs, "outcome", ctx),
                    rs.getString("resource_type"), rs.getString("resource_id"), rs.getInt("http_status"),
                    rs.getString("message"), rs.getString("errors"),
                    completedAt == null ? null : completedAt.toInstant());
        }
    }

    /** A command kept in its request row for the re-sender (ADR 0014); {@code headers} as JSON text. */
    record KeptCommandRow(UUID requestId, String topic, String key, String headers, String payload, int attempts) {
    }

    String ACCEPTED = """
            select request_id, tenant_id, kind, resource_id, idempotency_key, body_hash, created_at, publication
            from request""";
    String OUTCOMES = """
            select request_id, tenant_id, outcome, resource_type, resource_id, http_status, message, errors::text as errors,
                   completed_at
            from request_outcome""";

    /** Throws (a unique violation) when the tenant already used the request's idempotency key. */
    @SqlUpdate("""
            insert into request (request_id, tenant_id, kind, resource_id, idempotency_key, body_hash, object_key,
                                 publication)
            values (:requestId, :tenantId, :kind, :resourceId, :idempotencyKey, :bodyHash, :objectKey, :publication)""")
    void insert(@BindMethods AcceptedRequest request, @Bind("objectKey") String objectKey);

    @SqlUpdate("""
            update request set publication = :publication
            where request_id = any(cast(:requestIds as uuid[])) and publication <> 'sent'""")
    void published(@Bind("requestIds") UUID[] requestIds, @Bind("publication") Publication publication);

    @SqlUpdate("delete from request where request_id = :requestId and publication = 'pending'")
    void deletePending(@Bind("requestId") UUID requestId);

    @SqlQuery(ACCEPTED + " where tenant_id = :tenantId and idempotency_key = :key")
    Optional<AcceptedRequest> byIdempotencyKey(@Bind("tenantId") String tenantId, @Bind("key") String key);

    @SqlQuery(ACCEPTED + " where tenant_id = :tenantId and request_id = :requestId")
    Optional<AcceptedRequest> accepted(@Bind("tenantId") String tenantId, @Bind("requestId") UUID requestId);

    @SqlQuery(OUTCOMES + " where tenant_id = :tenantId and request_id = any(cast(:requestIds as uuid[]))")
    List<OutcomeRow> outcomes(@Bind("tenantId") String tenantId, @Bind("requestIds") UUID[] requestIds);

    /**
     * Keeps commands the broker did not acknowledge in time, one element of each array per command, in their request
     * rows ({@code unknown}), due from {@code firstDelaySeconds} on; a request already {@code sent} is left alone.
     */
    @SqlUpdate("""
            update request r set publication = 'unknown', command_topic = c.topic, command_key = c.key,
                   command_headers = cast(c.headers as jsonb), command_payload = c.payload,
                   resend_after = now() + make_interval(secs => :firstDelay)
            from unnest(cast(:requestIds as uuid[]), cast(:topics as text[]), cast(:keys as text[]),
                        cast(:headers as text[]), cast(:payloads as text[]))
                 as c(request_id, topic, key, headers, payload)
            where r.request_id = c.request_id and r.publication <> 'sent'""")
    void keepUnacknowledged(@Bind("requestIds") UUID[] requestIds, @Bind("topics") String[] topics,
                            @Bind("keys") String[] keys, @Bind("headers") String[] headers,
                            @Bind("payloads") String[] payloads, @Bind("firstDelay") double firstDelaySeconds);

    /** Settles the due kept commands whose request already has an outcome (a copy arrived): nothing to re-send. */
    @SqlUpdate("""
            update request r set publication = 'sent', command_topic = null, command_key = null,
                   command_headers = null, command_payload = null, resend_after = null
            where r.publication = 'unknown' and r.command_payload is not null
              and r.resend_after <= now()
              and exists (select 1 from request_outcome o where o.request_id = r.request_id)""")
    void settleAnswered();

    /**
     * Takes up to {@code limit} due kept commands for this caller alone, moving each one's next turn on in the same
     * statement (the pause doubles from {@code firstDelaySeconds} up to {@code maxDelaySeconds}).
     */
    @SqlQuery("""
            update request r
            set resend_attempts = r.resend_attempts + 1,
                resend_after = now() + make_interval(secs => least(:maxDelay,
                    :firstDelay * power(2, least(r.resend_attempts + 1, 20))))
            from (select request_id from request
                  where publication = 'unknown' and command_payload is not null
                    and resend_after <= now()
                  order by resend_after
                  limit :limit
                  for update skip locked) due
            where r.request_id = due.request_id
            returning r.request_id, r.command_topic as topic, r.command_key as key,
                      r.command_headers::text as headers, r.command_payload as payload,
                      r.resend_attempts as attempts""")
    List<KeptCommandRow> takeDue(@Bind("limit") int limit, @Bind("firstDelay") double firstDelaySeconds,
                                 @Bind("maxDelay") double maxDelaySeconds);

    /** Records that the broker acknowledged these requests' commands, and drops the kept copies. */
    @SqlUpdate("""
            update request set publication = 'sent', command_topic = null, command_key = null,
                   command_headers = null, command_payload = null, resend_after = null
            where request_id = any(cast(:requestIds as uuid[]))""")
    void acknowledged(@Bind("requestIds") UUID[] requestIds);
}
