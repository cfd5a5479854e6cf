package io.catalogingest.support.dispatch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

import io.catalogingest.common.catalog.ArtistCreated;
import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.catalog.CreateAsset;
import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.UnreadableMessageException;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.support.messaging.InboundRecords;
import io.catalogingest.support.messaging.PoisonMessageException;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.OnePath;
import io.catalogingest.support.persistence.Outcome;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/**
 * The one applier of a topic against real Postgres and Kafka, with handlers of the three shapes going through
 * {@link AppliedOnce}: artists in runs, assets each on their own, products in chunks of two. Each handled message
 * leaves a row in {@code note}; a record whose row exists already is one the database refuses.
 */
@CatalogInfrastructureTest
class TopicApplierTest {

    private static final String CONSUMER = "test.dispatch";
    private static final String SOURCE = "/topic-applier-test";

    private static OnePath path;
    private static AppliedOnce appliedOnce;
    private static InboundRecords inbound;

    /** What the handlers were called with, in order: "artists a-1,a-2", "asset s-1", "products p-1,p-2". */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final String tenant = "ws-" + UUID.randomUUID();
    private long offset;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        path = new OnePath(infrastructure);
        appliedOnce = path.appliedOnce(path.outbox());
        inbound = new InboundRecords(path.codec);
    }

    @AfterAll
    static void stop() {
        if (path != null) {
            path.close();
        }
    }

    private TopicApplier applier() {
        return HandlerRegistry.of(List.<MessageHandlers>of(registry -> registry
                .runs(Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ARTIST, KeyRule.aggregate(), run -> {
                    calls.add("artists " + ids(run));
                    appliedOnce.applyAll(CONSUMER, run, (handle, command) -> noted(handle, command));
                })
                .each(Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ASSET, KeyRule.aggregate(), command -> {
                    calls.add("asset " + command.subject());
                    appliedOnce.apply(CONSUMER, command, TopicApplierTest::noted);
                })
                .chunks(Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_PRODUCT, KeyRule.aggregate(), 2, chunk -> {
                    calls.add("products " + ids(chunk));
                    return appliedOnce.processBatch(CONSUMER, chunk, (handle, fresh, alsoAnnounce) -> {
                        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
                        fresh.forEach(command -> outcomes.put(command.id(), noted(handle, command)));
                        return outcomes;
                    });
                }))).topic(Topics.CATALOG_COMMANDS, inbound);
    }

    @Test
    void aRecordGoesToTheHandlerRegisteredForItsType() {
        TopicApplier applier = applier();

        applier.apply(record(artist("a-1")));
        applier.apply(record(asset("s-1")));
        applier.apply(record(product("p-1")));

        assertThat(calls).containsExactly("artists a-1", "asset s-1", "products p-1");
        assertThat(notes()).containsExactlyInAnyOrder("a-1", "s-1", "p-1");
    }

    @Test
    void aPollIsAppliedInRunsOfOneTypeInLogOrderAndProductsInChunks() {
        applier().applyAll(records(artist("a-1"), artist("a-2"), asset("s-1"), asset("s-2"), product("p-1"),
                product("p-2"), product("p-3"), artist("a-3")));

        assertThat(calls).containsExactly("artists a-1,a-2", "asset s-1", "asset s-2", "products p-1,p-2",
                "products p-3", "artists a-3");
        assertThat(notes()).containsExactlyInAnyOrder("a-1", "a-2", "s-1", "s-2", "p-1", "p-2", "p-3", "a-3");
    }

    @Test
    void aRunTheDatabaseRefusesIsAppliedAgainRecordByRecordAndTheFailurePinnedToItsRecord() {
        note("taken");
        List<Envelope<CreateArtist>> run = List.of(artist("a-1"), artist("a-2"), artist("taken"), artist("a-3"));

        assertThatThrownBy(() -> applier().applyAll(records(run.get(0), run.get(1), run.get(2), run.get(3),
                asset("s-1"))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(2));

        assertThat(calls).containsExactly("artists a-1,a-2,taken,a-3", "artists a-1", "artists a-2",
                "artists taken");
        assertThat(notes()).as("the records before the refused one are applied; those after it wait")
                .containsExactlyInAnyOrder("taken", "a-1", "a-2");
        for (int i = 0; i < run.size(); i++) {
            assertThat(path.count("select count(*) from processed_message where consumer = '" + CONSUMER
                    + "' and message_id = '" + run.get(i).id() + "'")).as(run.get(i).subject())
                    .isEqualTo(i < 2 ? 1 : 0);
        }
    }

    @Test
    void aChunkTheDatabaseRefusesIsAppliedAgainRecordByRecordAfterTheChunksBeforeItAreDelivered() {
        note("p-4");

        assertThatThrownBy(() -> applier().applyAll(records(artist("a-1"), product("p-1"), product("p-2"),
                product("p-3"), product("p-4"), product("p-5"))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(4));

        assertThat(calls).containsExactly("artists a-1", "products p-1,p-2", "products p-3,p-4", "products p-3",
                "products p-4");
        assertThat(notes()).containsExactlyInAnyOrder("p-4", "a-1", "p-1", "p-2", "p-3");
    }

    @Test
    void aPoisonRecordStopsThePollAfterTheRecordsBeforeItAreApplied() {
        Envelope<CreateArtist> keyedOtherwise = keyed("a-other", artist("a-2"));

        assertThatThrownBy(() -> applier().applyAll(records(artist("a-1"), keyedOtherwise, artist("a-3"))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(PoisonMessageException.class)
                            .hasMessageContaining("is about another aggregate (a-2)");
                });

        assertThat(calls).containsExactly("artists a-1");
        assertThat(notes()).containsExactly("a-1");
    }

    @Test
    void anUnreadableRecordOrATypeNotHandledOnTheTopicStopsThePoll() {
        ConsumerRecord<String, byte[]> unreadable = record(artist("a-2"), "{\"artistId\": ".getBytes(UTF_8));
        assertThatThrownBy(() -> applier().applyAll(List.of(record(artist("a-1")), unreadable)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(1);
                    assertThat(failed.getCause()).isInstanceOf(UnreadableMessageException.class);
                });

        Envelope<ArtistCreated> event = Envelope.create(CatalogMessages.ARTIST_CREATED, SOURCE, "a-3", tenant, null,
                new ArtistCreated("a-3", "An event", null));
        assertThatThrownBy(() -> applier().applyAll(List.of(record(event))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isZero();
                    assertThat(failed.getCause()).isInstanceOf(PoisonMessageException.class)
                            .hasMessageContaining("does not belong on " + Topics.CATALOG_COMMANDS);
                });
        assertThatThrownBy(() -> applier().apply(record(event))).isInstanceOf(PoisonMessageException.class);

        assertThat(notes()).containsExactly("a-1");
    }

    @Test
    void aRecordListenerThrowsWhatTheHandlerThrowsAndARepeatChangesNothing() {
        note("taken");
        TopicApplier applier = applier();

        assertThatThrownBy(() -> applier.apply(record(artist("taken")))).isNotInstanceOf(
                BatchListenerFailedException.class);
        Envelope<CreateArtist> once = artist("a-1");
        applier.apply(record(once));
        applier.apply(record(once));

        assertThat(notes()).containsExactlyInAnyOrder("taken", "a-1");
    }

    @Test
    void recordsOfOtherTypesAreSkippedUndecodedWhenOnlyHandledOnesAreWanted() {
        ConsumerRecord<String, byte[]> other = record(Envelope.create(CatalogMessages.ARTIST_CREATED, SOURCE, "a-2",
                tenant, null, new ArtistCreated("a-2", "An event", null)), new byte[] {0x00});
        TopicApplier applier = applier();

        applier.applyIfHandled(other);
        applier.applyIfHandled(record(artist("a-1")));

        assertThat(calls).containsExactly("artists a-1");
        assertThat(notes()).containsExactly("a-1");
    }

    @Test
    void aTypeIsHandledOnceAndATopicWithoutHandlersHasNoApplier() {
        MessageHandlers artists = registry -> registry.runs(Topics.CATALOG_COMMANDS, CatalogMessages.CREATE_ARTIST,
                KeyRule.aggregate(), run -> { });

        assertThatThrownBy(() -> HandlerRegistry.of(List.of(artists, artists)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handled twice");
        assertThatThrownBy(() -> HandlerRegistry.of(List.of(artists)).topic(Topics.RELEASE_COMMANDS, inbound))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------------------------------------------------

    private Envelope<CreateArtist> artist(String id) {
        return OnePath.command(tenant, id);
    }

    private Envelope<CreateAsset> asset(String id) {
        return Envelope.create(CatalogMessages.CREATE_ASSET, SOURCE, id, tenant, UUID.randomUUID(),
                new CreateAsset(id, "Track " + id, null, null, null, "Audio"));
    }

    private Envelope<CreateProduct> product(String id) {
        return Envelope.create(CatalogMessages.CREATE_PRODUCT, SOURCE, id, tenant, UUID.randomUUID(),
                new CreateProduct(id, "Product " + id, null, null, null, null, "Audio", null, null, null, null, null,
                        null, null, null, null, null, List.of(), List.of(), null, null, null));
    }

    private static <T> Envelope<T> keyed(String subject, Envelope<T> message) {
        return new Envelope<>(message.id(), message.source(), message.type(), message.time(), subject,
                message.tenantId(), message.requestId(), message.payload());
    }

    private List<ConsumerRecord<String, byte[]>> records(Envelope<?>... messages) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (Envelope<?> message : messages) {
            records.add(record(message));
        }
        return records;
    }

    private ConsumerRecord<String, byte[]> record(Envelope<?> message) {
        return record(message, null);
    }

    /** The record the gateway would send, or with another value. */
    private ConsumerRecord<String, byte[]> record(Envelope<?> message, byte[] value) {
        WireRecord wire = path.codec.encode(message);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.CATALOG_COMMANDS, 0, offset++, wire.key(),
                value == null ? wire.value() : value);
        wire.headers().forEach((name, header) -> record.headers().add(name, header));
        return record;
    }

    private static String ids(List<? extends Envelope<?>> run) {
        return String.join(",", run.stream().map(Envelope::subject).toList());
    }

    /** A message's row, and an outcome that announces it. */
    private static Outcome noted(Handle handle, Envelope<?> command) {
        handle.createUpdate("insert into note (tenant_id, id) values (:tenant, :id)")
                .bind("tenant", command.tenantId()).bind("id", command.subject()).execute();
        return Outcome.success("note", command.subject(), 201, Topics.CATALOG_EVENTS,
                command.reply(CatalogMessages.ARTIST_CREATED, SOURCE, command.subject(),
                        new ArtistCreated(command.subject(), "Note " + command.subject(), command.requestId())));
    }

    private void note(String id) {
        path.jdbi.useHandle(handle -> handle.createUpdate("insert into note (tenant_id, id) values (:tenant, :id)")
                .bind("tenant", tenant).bind("id", id).execute());
    }

    private List<String> notes() {
        return path.jdbi.withHandle(handle -> handle.createQuery("select id from note where tenant_id = :tenant")
                .bind("tenant", tenant).mapTo(String.class).list());
    }
}
