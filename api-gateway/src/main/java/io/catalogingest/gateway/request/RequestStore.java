package io.catalogingest.gateway.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.util.PSQLException;
import org.springframework.stereotype.Component;

import io.catalogingest.common.catalog.FieldError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The request registry (the one table the gateway writes) and the outcomes workers recorded. */
@Component
class RequestStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String OUTCOME_COLUMNS = "request_id, tenant_id, outcome, resource_type, resource_id,"
            + " http_status, message, errors::text as errors, completed_at";

    private final Jdbi jdbi;
    private final JsonMapper json;

    RequestStore(Jdbi jdbi, JsonMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** Records an accepted request; false when the tenant already used this idempotency key. */
    boolean register(AcceptedRequest request) {
        return register(request, null);
    }

    /**
     * Records an accepted request; false when the tenant already used this idempotency key.
     *
     * @param objectKey the temporary object the request registers (media registration), else null: the orphan
     *                  sweeper keeps it while the request has no outcome
     */
    boolean register(AcceptedRequest request, String objectKey) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            insert into request (request_id, tenant_id, kind, resource_id, idempotency_key, body_hash,
                                                 object_key, publication)
                            values (:requestId, :tenantId, :kind, :resourceId, :idempotencyKey, :bodyHash,
                                    :objectKey, :publication)""")
                    .bindMethods(request).bind("objectKey", objectKey).execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof PSQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Records what the broker did with the requests' commands ({@link AcceptedRequest#SENT} or {@code UNKNOWN}). */
    void published(List<UUID> requestIds, String publication) {
        if (requestIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update request set publication = :publication
                        where request_id = any(:requestIds) and publication <> 'sent'""")
                .bind("publication", publication).bindArray("requestIds", UUID.class, requestIds).execute());
    }

    /**
     * Keeps commands the broker did not acknowledge in time, encoded as they go on the wire, in their request rows
     * ({@code unknown}), for a re-sender on any replica to send from {@code firstDelay} on (ADR 0014).
     */
    void keepUnacknowledged(List<UnacknowledgedCommand> commands, Duration firstDelay) {
        if (commands.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update request r set publication = 'unknown', command_topic = c.topic, command_key = c.key,
                               command_headers = cast(c.headers as jsonb), command_payload = c.payload,
                               resend_after = now() + make_interval(secs => :firstDelay)
                        from unnest(cast(:requestIds as uuid[]), cast(:topics as text[]), cast(:keys as text[]),
                                    cast(:headers as text[]), cast(:payloads as text[]))
                             as c(request_id, topic, key, headers, payload)
                        where r.request_id = c.request_id and r.publication <> 'sent'""")
                .bind("firstDelay", firstDelay.toMillis() / 1000.0)
                .bindArray("requestIds", UUID.class, commands.stream().map(UnacknowledgedCommand::requestId).toList())
                .bindArray("topics", String.class, commands.stream().map(UnacknowledgedCommand::topic).toList())
                .bindArray("keys", String.class, commands.stream().map(UnacknowledgedCommand::key).toList())
                .bindArray("headers", String.class, commands.stream().map(UnacknowledgedCommand::headers).toList())
                .bindArray("payloads", String.class, commands.stream().map(UnacknowledgedCommand::payload).toList())
                .execute());
    }

    /**
     * Takes up to {@code limit} kept commands that are due, for this re-sender alone: each one's next turn is moved
     * on (the pause doubles from {@code firstDelay} up to {@code maxDelay}) in the same statement, so another replica
     * takes it only if this one has not had it acknowledged by then. Commands whose request already has an outcome (a
     * copy arrived) are settled instead of sent.
     */
    List<UnacknowledgedCommand> takeDue(int limit, Duration firstDelay, Duration maxDelay) {
        return jdbi.withHandle(handle -> {
            handle.createUpdate("""
                            update request r set publication = 'sent', command_topic = null, command_key = null,
                                   command_headers = null, command_payload = null, resend_after = null
                            where r.publication = 'unknown' and r.command_payload is not null
                              and r.resend_after <= now()
                              and exists (select 1 from request_outcome o where o.request_id = r.request_id)""")
                    .execute();
            return handle.createQuery("""
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
                            returning r.request_id, r.command_topic, r.command_key, r.command_headers::text as headers,
                                      r.command_payload, r.resend_attempts""")
                    .bind("limit", limit)
                    .bind("firstDelay", firstDelay.toMillis() / 1000.0)
                    .bind("maxDelay", maxDelay.toMillis() / 1000.0)
                    .map((rs, ctx) -> new UnacknowledgedCommand(rs.getObject("request_id", UUID.class),
                            rs.getString("command_topic"), rs.getString("command_key"), rs.getString("headers"),
                            rs.getString("command_payload"), rs.getInt("resend_attempts")))
                    .list();
        });
    }

    /** Records that the broker acknowledged these requests' commands, and drops the kept copies. */
    void acknowledged(List<UUID> requestIds) {
        if (requestIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        update request set publication = 'sent', command_topic = null, command_key = null,
                               command_headers = null, command_payload = null, resend_after = null
                        where request_id = any(:requestIds)""")
                .bindArray("requestIds", UUID.class, requestIds).execute());
    }

    /**
     * Forgets a request whose command certainly did not reach the broker, so a retry with its key starts afresh.
     * Only while it is still being published: a concurrent retry never saw its id (it was answered 409).
     */
    void unregister(UUID requestId) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "delete from request where request_id = :requestId and publication = 'pending'")
                .bind("requestId", requestId).execute());
    }

    Optional<AcceptedRequest> byIdempotencyKey(String tenantId, String key) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select * from request where tenant_id = :tenantId and idempotency_key = :key""")
                .bind("tenantId", tenantId).bind("key", key)
                .map(this::accepted)
                .findOne());
    }

    Optional<AcceptedRequest> accepted(String tenantId, UUID requestId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select * from request where tenant_id = :tenantId and request_id = :requestId""")
                .bind("tenantId", tenantId).bind("requestId", requestId)
                .map(this::accepted)
                .findOne());
    }

    Optional<RequestOutcome> outcome(String tenantId, UUID requestId) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + OUTCOME_COLUMNS
                        + " from request_outcome where tenant_id = :tenantId and request_id = :requestId")
                .bind("tenantId", tenantId).bind("requestId", requestId)
                .map(this::outcome)
                .findOne());
    }

    /** The outcomes of those of the requests that have one. */
    Map<UUID, RequestOutcome> outcomes(String tenantId, List<UUID> requestIds) {
        Map<UUID, RequestOutcome> outcomes = new HashMap<>();
        if (requestIds.isEmpty()) {
            return outcomes;
        }
        jdbi.useHandle(handle -> handle.createQuery("select " + OUTCOME_COLUMNS
                        + " from request_outcome where tenant_id = :tenantId and request_id = any(:requestIds)")
                .bind("tenantId", tenantId).bindArray("requestIds", UUID.class, requestIds)
                .map(this::outcome)
                .forEach(outcome -> outcomes.put(outcome.requestId(), outcome)));
        return outcomes;
    }

    private AcceptedRequest accepted(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AcceptedRequest(rs.getObject("request_id", UUID.class), rs.getString("tenant_id"),
                rs.getString("kind"), rs.getString("resource_id"), rs.getString("idempotency_key"),
                rs.getString("body_hash"), rs.getTimestamp("created_at").toInstant(), rs.getString("publication"));
    }

    private RequestOutcome outcome(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RequestOutcome(rs.getObject("request_id", UUID.class), rs.getString("tenant_id"),
                rs.getString("outcome"), rs.getString("resource_type"), rs.getString("resource_id"),
                rs.getInt("http_status"), rs.getString("message"), errors(rs.getString("errors")),
                rs.getTimestamp("completed_at").toInstant());
    }

    private List<FieldError> errors(String text) {
        return text == null ? List.of() : json.readValue(text, new TypeReference<List<FieldError>>() { });
    }
}
