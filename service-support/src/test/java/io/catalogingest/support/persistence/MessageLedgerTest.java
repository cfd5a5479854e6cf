package io.catalogingest.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.ArtistCreated;
import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The ledger's statements against real Postgres: claims of many ids at once, and recorded outcomes read back. */
@CatalogInfrastructureTest
class MessageLedgerTest {

    private static OnePath path;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        path = new OnePath(infrastructure);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    @Test
    void aMessageIsClaimedOncePerConsumerEvenTwiceInOneStatement() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        Set<UUID> claimed = path.jdbi.inTransaction(handle ->
                path.ledger.claimAll(handle, "ledger.a", List.of(first, second, first)));
        Set<UUID> again = path.jdbi.inTransaction(handle ->
                path.ledger.claimAll(handle, "ledger.a", List.of(first, second)));
        Set<UUID> otherConsumer = path.jdbi.inTransaction(handle ->
                path.ledger.claimAll(handle, "ledger.b", List.of(first)));

        assertThat(claimed).containsExactlyInAnyOrder(first, second);
        assertThat(again).isEmpty();
        assertThat(otherConsumer).containsExactly(first);
        boolean appliedByA = path.jdbi.withHandle(handle -> path.ledger.appliedBefore(handle, "ledger.a", first));
        boolean appliedByC = path.jdbi.withHandle(handle -> path.ledger.appliedBefore(handle, "ledger.c", first));
        assertThat(appliedByA).isTrue();
        assertThat(appliedByC).isFalse();
    }

    @Test
    void aClaimRolledBackWithItsTransactionCanBeClaimedAgain() {
        UUID id = UUID.randomUUID();
        try {
            path.jdbi.useTransaction(handle -> {
                path.ledger.claimAll(handle, "ledger.rollback", List.of(id));
                throw new IllegalStateException("work failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        Set<UUID> claimed = path.jdbi.inTransaction(handle ->
                path.ledger.claimAll(handle, "ledger.rollback", List.of(id)));
        assertThat(claimed).containsExactly(id);
    }

    @Test
    void theRecordedOutcomeEventIsRebuiltWithItsOriginalIdTypeAndPayload() {
        Envelope<CreateArtist> command = OnePath.command("ws-ledger", "x-1");
        Outbox outbox = path.outbox(false, 0, () -> { });
        path.jdbi.useTransaction(handle -> {
            Outcome outcome = OnePath.created(handle, command);
            outbox.write(handle, List.of(new Announcement(outcome.topic(), outcome.event())),
                    List.of(new Outbox.RecordedOutcome(command, outcome)));
        });

        Map<UUID, Announcement> recorded = path.jdbi.withHandle(handle ->
                path.ledger.recordedEvents(handle, List.of(command.requestId(), UUID.randomUUID())));

        assertThat(recorded).containsOnlyKeys(command.requestId());
        Envelope<?> event = recorded.get(command.requestId()).event();
        assertThat(recorded.get(command.requestId()).topic()).isEqualTo(
                io.catalogingest.common.envelope.Topics.CATALOG_EVENTS);
        assertThat(event.payload()).isEqualTo(new ArtistCreated("x-1", "Artist x-1", command.requestId()));
        assertThat(event.subject()).isEqualTo("x-1");
        assertThat(event.requestId()).isEqualTo(command.requestId());
        UUID inOutbox = path.jdbi.withHandle(handle -> handle.createQuery(
                "select event_id from outbox_event where headers->>'ce_subject' = 'x-1'").mapTo(UUID.class).one());
        assertThat(event.id()).isEqualTo(inOutbox);
        assertThat(path.count("select count(*) from request_outcome where request_id = '" + command.requestId()
                + "' and event_payload->>'artistId' = 'x-1'")).isEqualTo(1);
    }
}
