package io.catalogingest.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The outbox's promise (invariant 5): an event committed with its change leaves at least once, even if the process
 * dies between the commit and the publish — the relay publishes it, in order per key, and several relays share the
 * work without publishing a row twice at once.
 */
@CatalogInfrastructureTest
class OutboxRelayTest {

    private static final String CONSUMER = "test.relay";

    private static OnePath path;
    private static OnePath.Events events;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        path = new OnePath(infrastructure);
        events = path.events(Topics.CATALOG_EVENTS);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    @Test
    void anEventCommittedButNeverPublishedIsPublishedByTheRelay() {
        // the writer "dies" between commit and publish: it never publishes
        AppliedOnce crashing = path.appliedOnce(path.outbox(false, 0, () -> { }));
        Envelope<CreateArtist> command = OnePath.command("ws-crash", "c-1");
        crashing.apply(CONSUMER, command, OnePath::created);
        assertThat(path.count("select count(*) from outbox_event where headers->>'ce_subject' = 'c-1'")).isEqualTo(1);
        assertThat(events.pollIds("c-1", Duration.ofSeconds(2))).isEmpty();

        MeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = relay(Duration.ZERO, meters);
        relay.relayAll();

        UUID recorded = path.jdbi.withHandle(handle -> handle.createQuery(
                        "select event_id from request_outcome where request_id = :id")
                .bind("id", command.requestId()).mapTo(UUID.class).one());
        assertThat(events.awaitIds("c-1", ids -> !ids.isEmpty())).containsExactly(recorded);
        assertThat(path.count("select count(*) from outbox")).isZero();
        assertThat(meters.get("catalog.outbox.backlog").gauge().value()).isZero();
    }

    @Test
    void theEventOfAMessageWithoutARequestSurvivesTooThoughNoOutcomeIsRecorded() {
        AppliedOnce crashing = path.appliedOnce(path.outbox(false, 0, () -> { }));
        Envelope<CreateArtist> withRequest = OnePath.command("ws-no-request", "q-1");
        Envelope<CreateArtist> command = new Envelope<>(withRequest.id(), withRequest.source(), withRequest.type(),
                withRequest.time(), withRequest.subject(), withRequest.tenantId(), null, withRequest.payload());

        crashing.apply(CONSUMER, command, OnePath::created);
        assertThat(path.count("select count(*) from request_outcome where tenant_id = 'ws-no-request'")).isZero();
        relay(Duration.ZERO, new SimpleMeterRegistry()).relayAll();

        assertThat(events.awaitIds("q-1", ids -> !ids.isEmpty())).hasSize(1);
    }

    @Test
    void theHaltHookFiresAfterTheNthCommitBeforeItsEventsLeaveAndTheRelayDeliversThem() {
        List<Integer> halts = new ArrayList<>();
        Outbox outbox = path.outbox(true, 2, () -> {
            halts.add(1);
            throw new Halted();
        });
        AppliedOnce appliedOnce = path.appliedOnce(outbox);

        appliedOnce.apply(CONSUMER, OnePath.command("ws-halt", "h-1"), OnePath::created);
        assertThat(events.awaitIds("h-1", ids -> !ids.isEmpty())).hasSize(1);
        assertThatThrownBy(() -> appliedOnce.apply(CONSUMER, OnePath.command("ws-halt", "h-2"), OnePath::created))
                .isInstanceOf(Halted.class);

        assertThat(halts).hasSize(1);
        assertThat(path.count("select count(*) from note where tenant_id = 'ws-halt'")).as("committed").isEqualTo(2);
        assertThat(path.count("select count(*) from outbox_event where headers->>'ce_subject' = 'h-2'")).isEqualTo(1);
        assertThat(events.pollIds("h-2", Duration.ofSeconds(2))).isEmpty();

        relay(Duration.ZERO, new SimpleMeterRegistry()).relayAll();
        assertThat(events.awaitIds("h-2", ids -> !ids.isEmpty())).hasSize(1);
    }

    @Test
    void theRelayKeepsTheOrderOfOneKeysEvents() {
        Outbox outbox = path.outbox(false, 0, () -> { });
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Envelope<CreateArtist> command = OnePath.command("ws-order", "o-1");
            written.add(command.id());
            outbox.announce(Topics.CATALOG_EVENTS, command);
        }
        relay(Duration.ZERO, new SimpleMeterRegistry()).relayAll();

        assertThat(events.awaitIds("o-1", ids -> ids.size() == 30)).containsExactlyElementsOf(written);
    }

    @Test
    void theEventsOfOneTransactionAreOneRowWhichTheRelaySendsInOrder() {
        Outbox outbox = path.outbox(false, 0, () -> { });
        List<UUID> written = new ArrayList<>();
        outbox.inTransaction((handle, announcer) -> {
            for (int i = 0; i < 25; i++) {
                Envelope<CreateArtist> event = OnePath.command("ws-one-row", i % 2 == 0 ? "r-1" : "r-2");
                written.add(event.id());
                announcer.announce(Topics.CATALOG_EVENTS, event);
            }
            return null;
        });
        assertThat(path.count("select count(*) from outbox where 'r-1' = any(message_keys)")).isEqualTo(1);
        assertThat(path.count("select count(*) from outbox_event where message_key in ('r-1', 'r-2')"))
                .isEqualTo(25);

        MeterRegistry meters = new SimpleMeterRegistry();
        relay(Duration.ZERO, meters).relayAll();

        assertThat(events.awaitIds("r-1", ids -> ids.size() == 13)).containsExactlyElementsOf(
                everyOther(written, 0));
        assertThat(events.awaitIds("r-2", ids -> ids.size() == 12)).containsExactlyElementsOf(
                everyOther(written, 1));
        assertThat(path.count("select count(*) from outbox where 'r-1' = any(message_keys)")).isZero();
    }

    private static List<UUID> everyOther(List<UUID> ids, int first) {
        List<UUID> picked = new ArrayList<>();
        for (int i = first; i < ids.size(); i += 2) {
            picked.add(ids.get(i));
        }
        return picked;
    }

    @Test
    void rowsLockedByOneRelayAreSkippedByAnotherAndYoungRowsAreLeftToTheirWriter() {
        Outbox outbox = path.outbox(false, 0, () -> { });
        outbox.announce(Topics.CATALOG_EVENTS, OnePath.command("ws-locks", "l-1"));

        assertThat(relay(Duration.ofMinutes(5), new SimpleMeterRegistry()).relayOnce())
                .as("younger than min-age").isZero();

        try (Handle other = path.jdbi.open()) {
            other.begin();
            List<OutboxDao.PendingRow> held = other.attach(OutboxDao.class).lockPending(0, 1000);
            assertThat(held).isNotEmpty();
            assertThat(relay(Duration.ZERO, new SimpleMeterRegistry()).relayOnce()).as("all rows held").isZero();
            other.rollback();
        }
        assertThat(relay(Duration.ZERO, new SimpleMeterRegistry()).relayOnce()).isPositive();
        assertThat(events.awaitIds("l-1", ids -> !ids.isEmpty())).hasSize(1);
    }

    @Test
    void theRelayStartedAsALifecyclePublishesOnItsOwn() {
        Outbox outbox = path.outbox(false, 0, () -> { });
        outbox.announce(Topics.CATALOG_EVENTS, OnePath.command("ws-lifecycle", "s-1"));
        OutboxRelay relay = relay(Duration.ZERO, new SimpleMeterRegistry());
        relay.start();
        try {
            assertThat(events.awaitIds("s-1", ids -> !ids.isEmpty())).hasSize(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> path.count("select count(*) from outbox") == 0);
        } finally {
            relay.stop();
        }
        assertThat(relay.isRunning()).isFalse();
    }

    private static OutboxRelay relay(Duration minAge, MeterRegistry meters) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("meters", meters);
        return new OutboxRelay(path.jdbi, path.publisher, OnePath.JSON, OnePath.properties(true, minAge),
                beans.getBeanProvider(MeterRegistry.class));
    }

    /** Stands for Runtime.halt in a test JVM. */
    private static final class Halted extends RuntimeException {
    }
}
