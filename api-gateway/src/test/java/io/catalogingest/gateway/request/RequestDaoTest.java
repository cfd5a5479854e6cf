package io.catalogingest.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.CatalogRows;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.json.JsonMapper;

/** The request registry against real Postgres, through its DAO and the store over it. */
@CatalogInfrastructureTest
class RequestDaoTest {

    private static CatalogRows rows;
    private static RequestDao requests;
    private static RequestStore store;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        rows = new CatalogRows(infrastructure);
        requests = rows.jdbi.onDemand(RequestDao.class);
        store = new RequestStore(rows.jdbi, JsonMapper.builder().build());
    }

    @Test
    void anIdempotencyKeyIsRegisteredOncePerTenant() {
        String tenant = CatalogRows.tenant();
        AcceptedRequest first = AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", "p-1", "key-1",
                "hash");

        assertThat(store.register(first, "uploads/object")).isTrue();
        assertThatThrownBy(() -> requests.insert(AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product",
                "p-2", "key-1", "other"), null)).isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(store.register(AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", "p-2", "key-1",
                "other"))).as("the key is taken").isFalse();
        assertThat(store.register(AcceptedRequest.publishing(UUID.randomUUID(), CatalogRows.tenant(), "product",
                "p-2", "key-1", "other"))).as("another tenant's key").isTrue();

        AcceptedRequest found = requests.byIdempotencyKey(tenant, "key-1").orElseThrow();
        assertThat(found.requestId()).isEqualTo(first.requestId());
        assertThat(found.publication()).isEqualTo(Publication.PENDING);
        assertThat(found.bodyHash()).isEqualTo("hash");
        assertThat(found.createdAt()).isNotNull();
        assertThat(requests.accepted("another-tenant", first.requestId())).isEmpty();
    }

    @Test
    void aPublicationIsRecordedAndOnlyAPendingRequestIsForgotten() {
        String tenant = CatalogRows.tenant();
        AcceptedRequest sent = AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", null, null, null);
        AcceptedRequest unknown = AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", null, null, null);
        AcceptedRequest pending = AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", null, null, null);
        List.of(sent, unknown, pending).forEach(store::register);

        store.published(List.of(sent.requestId()), Publication.SENT);
        store.published(List.of(sent.requestId(), unknown.requestId()), Publication.UNKNOWN);
        store.published(List.of(), Publication.SENT);
        store.unregister(sent.requestId());
        store.unregister(pending.requestId());

        assertThat(store.accepted(tenant, sent.requestId()).orElseThrow().publication())
                .as("sent stays sent, and is not forgotten").isEqualTo(Publication.SENT);
        assertThat(store.accepted(tenant, unknown.requestId()).orElseThrow().publication())
                .isEqualTo(Publication.UNKNOWN);
        assertThat(store.accepted(tenant, pending.requestId())).isEmpty();
    }

    @Test
    void outcomesAreReadForTheRequestsThatHaveOne() {
        String tenant = CatalogRows.tenant();
        UUID answered = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        rows.jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into request_outcome (request_id, tenant_id, outcome, resource_type, resource_id,
                            http_status, message, errors, event_id, event_source, event_topic, event_subject,
                            event_type, event_payload)
                        values (:id, :tenant, 'rejected', 'product', 'p-1', 409, 'Taken',
                            '[{"field": "id", "message": "is taken"}]', :eventId, '/test', 'topic', 'p-1', 'type',
                            '{}')""")
                .bind("id", answered).bind("tenant", tenant).bind("eventId", UUID.randomUUID()).execute());

        Map<UUID, RequestOutcome> outcomes = store.outcomes(tenant, List.of(answered, waiting));

        assertThat(outcomes).containsOnlyKeys(answered);
        RequestOutcome outcome = outcomes.get(answered);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.httpStatus()).isEqualTo(409);
        assertThat(outcome.errors()).containsExactly(new FieldError("id", "is taken"));
        assertThat(outcome).extracting(RequestOutcome::requestId, RequestOutcome::tenantId, RequestOutcome::outcome,
                RequestOutcome::resourceType, RequestOutcome::resourceId, RequestOutcome::message)
                .containsExactly(answered, tenant, RequestOutcome.Kind.REJECTED, "product", "p-1", "Taken");
        assertThat(outcome.completedAt()).isNotNull();
        assertThat(store.outcome(tenant, answered)).contains(outcome);
        assertThat(store.outcome(tenant, waiting)).isEmpty();
        assertThat(store.outcome("another-tenant", answered)).isEmpty();
        assertThat(store.outcomes(tenant, List.of())).isEmpty();
    }

    @Test
    void unacknowledgedCommandsAreKeptTakenOnceWhenDueSettledWhenAnsweredAndDroppedWhenAcknowledged() {
        String tenant = CatalogRows.tenant();
        AcceptedRequest waiting = AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", null, null, null);
        AcceptedRequest answered = AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", null, null, null);
        AcceptedRequest sent = AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", null, null, null);
        List.of(waiting, answered, sent).forEach(store::register);
        store.published(List.of(sent.requestId()), Publication.SENT);
        List<UUID> ours = List.of(waiting.requestId(), answered.requestId(), sent.requestId());

        store.keepUnacknowledged(ours.stream().map(id -> new UnacknowledgedCommand(id, "catalog.commands", "key-" + id,
                "{\"ce_id\": \"" + id + "\"}", "{\"n\": 1}", 0)).toList(), Duration.ZERO);
        store.keepUnacknowledged(List.of(), Duration.ZERO);
        recordOutcome(answered.requestId(), tenant);

        List<UnacknowledgedCommand> taken = store.takeDue(100, Duration.ofMinutes(1), Duration.ofMinutes(5)).stream()
                .filter(command -> ours.contains(command.requestId())).toList();

        assertThat(taken).containsExactly(new UnacknowledgedCommand(waiting.requestId(), "catalog.commands",
                "key-" + waiting.requestId(), "{\"ce_id\": \"" + waiting.requestId() + "\"}", "{\"n\": 1}", 1));
        assertThat(store.accepted(tenant, waiting.requestId()).orElseThrow().publication())
                .isEqualTo(Publication.UNKNOWN);
        assertThat(store.accepted(tenant, answered.requestId()).orElseThrow().publication())
                .as("a copy arrived: settled, not sent again").isEqualTo(Publication.SENT);
        assertThat(store.accepted(tenant, sent.requestId()).orElseThrow().publication()).isEqualTo(Publication.SENT);
        assertThat(store.takeDue(100, Duration.ofMinutes(1), Duration.ofMinutes(5)))
                .as("its next turn is a minute away").noneMatch(command -> ours.contains(command.requestId()));

        store.acknowledged(List.of(waiting.requestId()));
        store.acknowledged(List.of());

        assertThat(store.accepted(tenant, waiting.requestId()).orElseThrow().publication())
                .isEqualTo(Publication.SENT);
        long kept = rows.jdbi.withHandle(handle -> handle.createQuery(
                        "select count(*) from request where request_id = any(:ids) and command_payload is not null")
                .bindArray("ids", UUID.class, ours).mapTo(Long.class).one());
        assertThat(kept).as("no kept copies left").isZero();
    }

    private static void recordOutcome(UUID requestId, String tenant) {
        rows.jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into request_outcome (request_id, tenant_id, outcome, resource_type, resource_id,
                            http_status, message, errors, event_id, event_source, event_topic, event_subject,
                            event_type, event_payload)
                        values (:id, :tenant, 'succeeded', 'product', 'p-1', 201, null, '[]', :eventId, '/test',
                            'topic', 'p-1', 'type', '{}')""")
                .bind("id", requestId).bind("tenant", tenant).bind("eventId", UUID.randomUUID()).execute());
    }
}
