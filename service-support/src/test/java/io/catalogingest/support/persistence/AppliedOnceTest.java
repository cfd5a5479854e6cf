package io.catalogingest.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.ArtistCreated;
import io.catalogingest.common.catalog.ArtistRejected;
import io.catalogingest.common.catalog.CatalogMessages;
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

    @Test
    void aFastBatchWritesWithItsOutcomesAndAUniqueViolationSendsTheWholeBatchToTheStep() {
        Envelope<CreateArtist> taken = OnePath.command("ws-fast", "fast-0");
        appliedOnce.apply(CONSUMER, taken, OnePath::created);
        Envelope<CreateArtist> first = OnePath.command("ws-fast", "fast-1");
        Envelope<CreateArtist> second = OnePath.command("ws-fast", "fast-2");
        Envelope<CreateArtist> sameId = OnePath.command("ws-fast", "fast-0");
        Envelope<CreateArtist> third = OnePath.command("ws-fast", "fast-3");
        List<String> stepCalls = new ArrayList<>();

        Delivery fast = appliedOnce.processBatch(CONSUMER, List.of(first, second), AppliedOnceTest::notesJoined,
                (handle, fresh, alsoAnnounce) -> {
                    stepCalls.add("first batch");
                    return Map.of();
                });
        fast.await();
        Delivery fellBack = appliedOnce.processBatch(CONSUMER, List.of(third, sameId, first),
                AppliedOnceTest::notesJoined, (handle, fresh, alsoAnnounce) -> {
                    stepCalls.add(fresh.stream().map(command -> command.payload().artistId())
                            .reduce((a, b) -> a + "," + b).orElse(""));
                    Map<UUID, Outcome> outcomes = new HashMap<>();
                    for (Envelope<CreateArtist> command : fresh) {
                        int inserted = handle.createUpdate("""
                                        insert into note (tenant_id, id) values (:tenant, :id) on conflict do nothing""")
                                .bind("tenant", command.tenantId()).bind("id", command.payload().artistId()).execute();
                        outcomes.put(command.id(), inserted == 1 ? created(command) : rejected(command));
                    }
                    return outcomes;
                });
        fellBack.await();

        assertThat(stepCalls).as("the first batch took the fast path; the second, after its conflict, the step with "
                + "every fresh command (fast-1 was applied before)").containsExactly("fast-3,fast-0");
        assertThat(path.count("select count(*) from note where tenant_id = 'ws-fast'")).isEqualTo(4);
        assertThat(path.count("select count(*) from request_outcome where tenant_id = 'ws-fast' and http_status = 201"))
                .isEqualTo(4);
        assertThat(path.count("select count(*) from request_outcome where request_id = '" + sameId.requestId()
                + "' and http_status = 409")).as("only the command in conflict is rejected").isEqualTo(1);
        assertThat(path.count("select count(*) from processed_message where consumer = '" + CONSUMER
                + "' and message_id in ('" + third.id() + "', '" + sameId.id() + "')")).isEqualTo(2);
        assertThat(fellBack.size()).as("two outcomes and fast-1's recorded one, once each").isEqualTo(3);
        assertThat(events.awaitIds("fast-3", ids -> !ids.isEmpty())).hasSize(1);
        assertThat(events.awaitIds("fast-2", ids -> !ids.isEmpty())).hasSize(1);
        assertThat(events.awaitIds("fast-1", ids -> ids.size() == 2)).as("fast-1 announced again").hasSize(2);
        assertThat(events.awaitIds("fast-0", ids -> ids.size() == 2)).as("the first fast-0 and the rejected one")
                .doesNotHaveDuplicates();
    }

    /** The fast path of a note batch: every command created, its note inserted by the outcomes' statement. */
    private static Optional<AppliedOnce.Attempt> notesJoined(Handle handle, List<Envelope<CreateArtist>> fresh,
                                                             List<Announcement> alsoAnnounce) {
        Map<UUID, Outcome> outcomes = new HashMap<>();
        fresh.forEach(command -> outcomes.put(command.id(), created(command)));
        return Optional.of(new AppliedOnce.Attempt(outcomes, new JoinedWrite("""
                notes as (insert into note (tenant_id, id)
                          select * from unnest(cast(:n_tenant as text[]), cast(:n_id as text[])))""",
                Map.of("n_tenant", fresh.stream().map(Envelope::tenantId).toArray(String[]::new),
                        "n_id", fresh.stream().map(command -> command.payload().artistId()).toArray(String[]::new)))));
    }

    private static Outcome created(Envelope<CreateArtist> command) {
        return Outcome.success("artist", command.payload().artistId(), 201, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.ARTIST_CREATED, OnePath.SOURCE, command.payload().artistId(),
                        new ArtistCreated(command.payload().artistId(), command.payload().name(),
                                command.requestId())));
    }

    private static Outcome rejected(Envelope<CreateArtist> command) {
        return Outcome.rejection("artist", command.payload().artistId(), 409, "taken", List.of(),
                Topics.CATALOG_EVENTS, command.reply(CatalogMessages.ARTIST_REJECTED, OnePath.SOURCE,
                        command.payload().artistId(), new ArtistRejected(command.payload().artistId(), 409, "taken",
                                List.of(), command.requestId())));
    }
}
