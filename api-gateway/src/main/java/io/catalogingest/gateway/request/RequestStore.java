package io.catalogingest.gateway.request;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.util.PSQLException;
import org.springframework.stereotype.Component;

import io.catalogingest.common.catalog.FieldError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The request registry (the one table the gateway writes) and the outcomes workers recorded ({@link RequestDao}). */
@Component
class RequestStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final RequestDao requests;
    private final JsonMapper json;

    RequestStore(Jdbi jdbi, JsonMapper json) {
        this.requests = jdbi.onDemand(RequestDao.class);
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
            requests.insert(request, objectKey);
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof PSQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Records what the broker did with the requests' commands ({@link Publication#SENT} or {@code UNKNOWN}). */
    void published(List<UUID> requestIds, Publication publication) {
        if (requestIds.isEmpty()) {
            return;
        }
        requests.published(requestIds.toArray(UUID[]::new), publication);
    }

    /**
     * Keeps commands the broker did not acknowledge in time, encoded as they go on the wire, in their request rows
     * ({@code unknown}), for a re-sender on any replica to send from {@code firstDelay} on (ADR 0014).
     */
    void keepUnacknowledged(List<UnacknowledgedCommand> commands, Duration firstDelay) {
        if (commands.isEmpty()) {
            return;
        }
        requests.keepUnacknowledged(
                commands.stream().map(UnacknowledgedCommand::requestId).toArray(UUID[]::new),
                commands.stream().map(UnacknowledgedCommand::topic).toArray(String[]::new),
                commands.stream().map(UnacknowledgedCommand::key).toArray(String[]::new),
                commands.stream().map(UnacknowledgedCommand::headers).toArray(String[]::new),
                commands.stream().map(UnacknowledgedCommand::payload).toArray(String[]::new),
                seconds(firstDelay));
    }

    /**
     * Takes up to {@code limit} kept commands that are due, for this re-sender alone: each one's next turn is moved
     * on (the pause doubles from {@code firstDelay} up to {@code maxDelay}) in the same statement, so another replica
     * takes it only if this one has not had it acknowledged by then. Commands whose request already has an outcome (a
     * copy arrived) are settled instead of sent.
     */
    List<UnacknowledgedCommand> takeDue(int limit, Duration firstDelay, Duration maxDelay) {
        requests.settleAnswered();
        return requests.takeDue(limit, seconds(firstDelay), seconds(maxDelay)).stream()
                .map(row -> new UnacknowledgedCommand(row.requestId(), row.topic(), row.key(), row.headers(),
                        row.payload(), row.attempts()))
                .toList();
    }

    /** Records that the broker acknowledged these requests' commands, and drops the kept copies. */
    void acknowledged(List<UUID> requestIds) {
        if (requestIds.isEmpty()) {
            return;
        }
        requests.acknowledged(requestIds.toArray(UUID[]::new));
    }

    /**
     * Forgets a request whose command certainly did not reach the broker, so a retry with its key starts afresh.
     * Only while it is still being published: a concurrent retry never saw its id (it was answered 409).
     */
    void unregister(UUID requestId) {
        requests.deletePending(requestId);
    }

    Optional<AcceptedRequest> byIdempotencyKey(String tenantId, String key) {
        return requests.byIdempotencyKey(tenantId, key);
    }

    Optional<AcceptedRequest> accepted(String tenantId, UUID requestId) {
        return requests.accepted(tenantId, requestId);
    }

    Optional<RequestOutcome> outcome(String tenantId, UUID requestId) {
        return Optional.ofNullable(outcomes(tenantId, List.of(requestId)).get(requestId));
    }

    /** The outcomes of those of the requests that have one. */
    Map<UUID, RequestOutcome> outcomes(String tenantId, List<UUID> requestIds) {
        Map<UUID, RequestOutcome> outcomes = new HashMap<>();
        if (requestIds.isEmpty()) {
            return outcomes;
        }
        requests.outcomes(tenantId, requestIds.toArray(UUID[]::new))
                .forEach(row -> outcomes.put(row.requestId(), outcome(row)));
        return outcomes;
    }

    private RequestOutcome outcome(RequestDao.OutcomeRow row) {
        return new RequestOutcome(row.requestId(), row.tenantId(), row.outcome(), row.resourceType(),
                row.resourceId(), row.httpStatus(), row.message(), errors(row.errors()), row.completedAt());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private List<FieldError> errors(String text) {
        return text == null ? List.of() : json.readValue(text, new TypeReference<List<FieldError>>() { });
    }
}
