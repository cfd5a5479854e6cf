package io.catalogingest.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.gateway.CatalogRows;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import tools.jackson.databind.json.JsonMapper;

/** The deferred record of acknowledged commands (docs/adr/0027) against real Postgres. */
@CatalogInfrastructureTest
class AcknowledgementsTest {

    private static RequestStore store;
    private Acknowledgements acknowledgements;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        store = new RequestStore(new CatalogRows(infrastructure).jdbi, JsonMapper.builder().build());
    }

    @AfterEach
    void stop() {
        if (acknowledgements != null) {
            acknowledgements.stop();
        }
    }

    @Test
    void anAcknowledgementIsRecordedAfterTheGraceUnlessAnOutcomeCameFirst() {
        acknowledgements = new Acknowledgements(store, Duration.ofMillis(200), Duration.ofMillis(20));
        acknowledgements.start();
        String tenant = CatalogRows.tenant();
        AcceptedRequest silent = registered(tenant);
        AcceptedRequest answered = registered(tenant);

        acknowledgements.acknowledged(silent.requestId());
        acknowledgements.acknowledged(answered.requestId());
        acknowledgements.answered(answered.requestId());

        await().atMost(Duration.ofSeconds(10)).until(() -> publication(tenant, silent) == Publication.SENT);
        assertThat(acknowledgements.isUnrecorded(silent.requestId())).isFalse();
        assertThat(publication(tenant, answered)).as("its outcome says more than a record would")
                .isEqualTo(Publication.PENDING);
    }

    @Test
    void aRequestAnsweredPendingIsRecordedAtOnceAndStoppingRecordsTheRest() {
        acknowledgements = new Acknowledgements(store, Duration.ofHours(1), Duration.ofHours(1));
        acknowledgements.start();
        String tenant = CatalogRows.tenant();
        AcceptedRequest timedOut = registered(tenant);
        AcceptedRequest left = registered(tenant);
        acknowledgements.acknowledged(timedOut.requestId());
        acknowledgements.acknowledged(left.requestId());

        acknowledgements.recordNow(timedOut.requestId());

        assertThat(publication(tenant, timedOut)).isEqualTo(Publication.SENT);
        assertThat(publication(tenant, left)).as("within its grace").isEqualTo(Publication.PENDING);

        acknowledgements.stop();

        assertThat(publication(tenant, left)).as("a gateway stopping records what it holds")
                .isEqualTo(Publication.SENT);
        AcceptedRequest late = registered(tenant);
        acknowledgements.acknowledged(late.requestId());
        assertThat(publication(tenant, late)).as("after the stop: at once").isEqualTo(Publication.SENT);
    }

    private static AcceptedRequest registered(String tenant) {
        AcceptedRequest request = AcceptedRequest.publishing(UUID.randomUUID(), tenant, "product", null, null, null);
        assertThat(store.register(request)).isTrue();
        return request;
    }

    private static Publication publication(String tenant, AcceptedRequest request) {
        return store.accepted(tenant, request.requestId()).orElseThrow().publication();
    }
}
