package io.catalogingest.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The applier against real Postgres and Kafka: claim, apply, record, announce — once. */
@CatalogInfrastructureTest
class AppliedOnceTest {

    private static final String CONSUMER = "test.notes";

    private static OnePath path;
    private static AppliedOnce appliedOnce;
    private static OnePath.Events events;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        path = new OnePath(infrastructure);
        appliedOnce = path.appliedOnce(path.outbox());
        events = path.events(Topics.CATALOG_EVENTS);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    @Test
    void aCommandIsAppliedRecordedAndAnnouncedThroughTheOutbox() {
        Envelope<CreateArtist> command = OnePath.command("ws-single", "a-1");

        appliedOnce.apply(CONSUMER, command, OnePath::created);

        assertThat(path.count("select count(*) from note where tenant_id = 'ws-single'")).isEqualTo(1);
        assertThat(path.count("select count(*) from processed_message where consumer = '" + CONSUMER
                + "' and message_id = '" + command.id() + "'")).isEqualTo(1);
        UUID eventId = path.jdbi.withHandle(handle -> handle.createQuery(
                        "select event_id from request_outcome where request_id = :id and http_status = 201")
                .bind("id", command.requestId()).mapTo(UUID.class).one());
        assertThat(events.awaitIds("a-1", ids -> !ids.isEmpty())).containsExactly(eventId);
        await().atMost(Duration.ofSeconds(30)).until(() -> path.count(
                "select count(*) from outbox_event where event_id = '" + eventId + "'") == 0);
    }

    @Test
    void aRedeliveredCommandChangesNothingAndAnnouncesItsRecordedOutcomeAgain() {
        Envelope<CreateArtist> command = OnePath.command("ws-redelivered", "r-1");
        AtomicInteger applied = new AtomicInteger();

        for (int i = 0; i < 2; i++) {
            appliedOnce.apply(CONSUMER, command, (handle, same) -> {
                applied.incrementAndGet();
                return OnePath.created(handle, same);
            });
        }

        assertThat(applied).hasValue(1);
        assertThat(path.count("select count(*) from note where tenant_id = 'ws-redelivered'")).isEqualTo(1);
        List<UUID> announced = events.awaitIds("r-1", ids -> ids.size() == 2);
        assertThat(announced.get(1)).isEqualTo(announced.get(0));
    }

    @Test
    void aFailingStepLeavesNoClaimNoOutcomeAndNoEventSoTheRetryApplies() {
        Envelope<CreateArtist> command = OnePath.command("ws-failing", "f-1");

        assertThatThrownBy(() -> appliedOnce.apply(CONSUMER, command, (handle, same) -> {
            OnePath.created(handle, same);
            throw new IllegalStateException("transient");
        })).hasMessageContaining("transient");

        assertThat(path.count("select count(*) from processed_message where message_id = '" + command.id() + "'"))
                .isZero();
        assertThat(path.count("select count(*) from request_outcome where request_id = '" + command.requestId()
                + "'")).isZero();
        assertThat(path.count("select count(*) from outbox_event where headers->>'ce_subject' = 'f-1'")).isZero();

        appliedOnce.apply(CONSUMER, command, OnePath::created);
        assertThat(path.count("select count(*) from note where tenant_id = 'ws-failing'")).isEqualTo(1);
        assertThat(events.awaitIds("f-1", ids -> !ids.isEmpty())).hasSize(1);
    }

    @Test
    void afterCommitActionsRunOnceCommittedAndNotWhenTheTransactionRollsBack() {
        Envelope<CreateArtist> command = OnePath.command("ws-after", "h-1");
        List<Long> seenByAction = new ArrayList<>();

        appliedOnce.process(CONSUMER, command, (handle, same) -> Applied.recorded(OnePath.created(handle, same))
                .andAfterCommit(() -> seenByAction.add(path.count(
                        "select count(*) from note where tenant_id = 'ws-after'"))));
        assertThat(seenByAction).as("the action sees the committed row from another connection")
                .containsExactly(1L);

        Envelope<CreateArtist> failing = OnePath.command("ws-after", "h-2");
        assertThatThrownBy(() -> appliedOnce.process(CONSUMER, failing, (handle, same) -> {
            Applied applied = Applied.recorded(OnePath.created(handle, same))
                    .andAfterCommit(() -> seenByAction.add(-1L));
            handle.execute("select 1 / 0");
            return applied;
        }));
        assertThat(seenByAction).containsExactly(1L);
    }

    @Test
    void afterCommitActionsRunBeforeTheEventsLeaveAndAfterAnnounceActionsOnceTheyAreAcknowledged() {
        Envelope<CreateArtist> command = OnePath.command("ws-announce", "n-1");
        List<String> steps = new ArrayList<>();

        appliedOnce.process(CONSUMER, command, (handle, same) -> Applied.recorded(OnePath.created(handle, same))
                .andAfterCommit(() -> steps.add("after commit, events on Kafka: "
                        + events.pollIds("n-1", Duration.ofSeconds(1)).size()))
                .andAfterAnnounce(() -> steps.add("after announce, events on Kafka: "
                        + events.awaitIds("n-1", ids -> !ids.isEmpty()).size())));

        assertThat(steps).containsExactly("after commit, events on Kafka: 0", "after announce, events on Kafka: 1");
    }

    @Test
    void anOutcomeWhoseEventIsNotAnnouncedIsRefused() {
        Envelope<CreateArtist> command = OnePath.command("ws-refused", "z-1");
        Outcome outcome = Outcome.success("artist", "z-1", 201, Topics.CATALOG_EVENTS, command);

        assertThatThrownBy(() -> new Applied(outcome, List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStepDecidesWhatARepeatDoes() {
        Envelope<CreateArtist> command = OnePath.command("ws-repeat", "p-1");
        List<String> kicked = new ArrayList<>();
        AppliedOnce.Step<CreateArtist> step = AppliedOnce.Step.of(
                (handle, same) -> Applied.recorded(OnePath.created(handle, same)),
                (handle, same, recorded) -> Applied.announcing(recorded.stream().toList())
                        .andAfterCommit(() -> kicked.add(same.payload().artistId())));

        appliedOnce.process(CONSUMER, command, step);
        assertThat(kicked).isEmpty();
        appliedOnce.process(CONSUMER, command, step);

        assertThat(kicked).containsExactly("p-1");
        assertThat(events.awaitIds("p-1", ids -> ids.size() == 2)).hasSize(2);
    }

    @Test
    void anUnrecordedStepAnnouncesItsEventsInOrderWithoutARequestOutcome() {
        Envelope<CreateArtist> command = OnePath.command("ws-unrecorded", "u-1");

        appliedOnce.process(CONSUMER, command, (handle, same) -> {
            Outcome first = OnePath.created(handle, same);
            Envelope<?> second = same.reply(io.catalogingest.common.catalog.CatalogMessages.ARTIST_CREATED,
                    OnePath.SOURCE, "u-1", new io.catalogingest.common.catalog.ArtistCreated("u-1", "again", null));
            return Applied.announcing(List.of(new Announcement(Topics.CATALOG_EVENTS, first.event()),
                    new Announcement(Topics.CATALOG_EVENTS, second)));
        });

        assertThat(path.count("select count(*) from request_outcome where request_id = '" + command.requestId()
                + "'")).isZero();
        assertThat(events.awaitIds("u-1", ids -> ids.size() == 2)).doesNotHaveDuplicates();
    }

    @Test
    void aBatchClaimsOnceAppliesOnlyFreshCommandsTogetherAndAnnouncesRepeatsAgain() {
        Envelope<CreateArtist> before = OnePath.command("ws-batch", "b-0");
        appliedOnce.apply(CONSUMER, before, OnePath::created);
        Envelope<CreateArtist> first = OnePath.command("ws-batch", "b-1");
        Envelope<CreateArtist> second = OnePath.command("ws-batch", "b-2");
        List<List<String>> calls = new ArrayList<>();

        Delivery delivery = appliedOnce.processBatch(CONSUMER, List.of(before, first, second, first),
                (handle, fresh, alsoAnnounce) -> {
                    calls.add(fresh.stream().map(command -> command.payload().artistId()).toList());
                    Map<UUID, Outcome> outcomes = new HashMap<>();
                    fresh.forEach(command -> outcomes.put(command.id(), OnePath.created(handle, command)));
                    return outcomes;
                });
        delivery.await();

        assertThat(calls).containsExactly(List.of("b-1", "b-2"));
        assertThat(delivery.size()).as("two new outcomes and b-0's recorded one").isEqualTo(3);
        assertThat(path.count("select count(*) from note where tenant_id = 'ws-batch'")).isEqualTo(3);
        assertThat(path.count("select count(*) from request_outcome where tenant_id = 'ws-batch'")).isEqualTo(3);
        assertThat(events.awaitIds("b-0", ids -> ids.size() == 2)).as("b-0 announced again").hasSize(2);
        assertThat(events.awaitIds("b-1", ids -> !ids.isEmpty())).hasSize(1);
        assertThat(events.awaitIds("b-2", ids -> !ids.isEmpty())).hasSize(1);
    }
}
