package io.catalogingest.ingest.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The pruning statements against real Postgres: what is old enough goes, a batch at a time; the rest stays. */
@CatalogInfrastructureTest
class HousekeepingDaoTest {

    private static final Instant OLD = Instant.now().minus(3, ChronoUnit.DAYS);

    private static Jdbi jdbi;
    private static HousekeepingDao dao;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
        dao = jdbi.onDemand(HousekeepingDao.class);
    }

    @Test
    void requestsGoOnceAnsweredOrSentWithoutAnUploadAndNotBefore() {
        UUID answered = request(OLD, "sent", null);
        outcome(answered, Instant.now());
        UUID sent = request(OLD, "sent", null);
        UUID pending = request(OLD, "pending", null);
        UUID unknown = request(OLD, "unknown", null);
        UUID upload = request(OLD, "sent", "t/releases/r/uploads/u/a.flac");
        UUID recent = request(Instant.now(), "sent", null);

        int deleted = dao.pruneRequests(Instant.now().minus(1, ChronoUnit.DAYS), 100);

        assertThat(deleted).isEqualTo(2);
        assertThat(requestsLeft(answered, sent, pending, unknown, upload, recent))
                .as("pending, unknown, an upload without outcome, and a recent one stay").isEqualTo(4);
        assertThat(exists("request", answered)).isFalse();
        assertThat(exists("request", sent)).isFalse();
    }

    @Test
    void aBatchDeletesAtMostItsSizeOldestFirst() {
        Instant cutoff = Instant.now().minus(1, ChronoUnit.DAYS);
        dao.pruneOutcomes(cutoff, 1_000_000);
        UUID oldest = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        outcome(oldest, OLD.minus(1, ChronoUnit.HOURS));
        outcome(older, OLD);
        outcome(fresh, Instant.now());

        assertThat(dao.pruneOutcomes(cutoff, 1)).isEqualTo(1);
        assertThat(exists("request_outcome", oldest)).isFalse();
        assertThat(exists("request_outcome", older)).isTrue();
        assertThat(dao.pruneOutcomes(cutoff, 1)).isEqualTo(1);
        assertThat(dao.pruneOutcomes(cutoff, 1)).as("nothing old is left").isZero();
        assertThat(exists("request_outcome", fresh)).isTrue();
    }

    @Test
    void processedMessagesGoAfterTheRetention() {
        UUID old = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into processed_message (consumer, message_id, processed_at)
                        values ('test', :old, :oldAt), ('test', :fresh, now())""")
                .bind("old", old).bind("oldAt", OLD).bind("fresh", fresh).execute());

        dao.pruneProcessedMessages(Instant.now().minus(1, ChronoUnit.DAYS), 100);

        long left = jdbi.withHandle(handle -> handle.createQuery(
                        "select count(*) from processed_message where message_id in (:old, :fresh)")
                .bind("old", old).bind("fresh", fresh).mapTo(Long.class).one());
        assertThat(left).isEqualTo(1);
    }

    private static UUID request(Instant createdAt, String publication, String objectKey) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into request (request_id, tenant_id, kind, created_at, publication, object_key)
                        values (:id, 'tenant-housekeeping', 'product', :createdAt, :publication, :objectKey)""")
                .bind("id", id).bind("createdAt", createdAt).bind("publication", publication)
                .bind("objectKey", objectKey).execute());
        return id;
    }

    private static void outcome(UUID requestId, Instant completedAt) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into request_outcome (request_id, tenant_id, outcome, resource_type, http_status,
                            event_id, event_source, event_topic, event_subject, event_type, event_payload,
                            completed_at)
                        values (:id, 'tenant-housekeeping', 'succeeded', 'product', 201, :eventId, '/test', 'topic',
                            'subject', 'type', '{}', :completedAt)""")
                .bind("id", requestId).bind("eventId", UUID.randomUUID()).bind("completedAt", completedAt).execute());
    }

    private static long requestsLeft(UUID... ids) {
        return jdbi.withHandle(handle -> handle.createQuery("select count(*) from request where request_id = any(:ids)")
                .bindArray("ids", UUID.class, (Object[]) ids).mapTo(Long.class).one());
    }

    private static boolean exists(String table, UUID requestId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "select exists (select 1 from " + table + " where request_id = :id)")
                .bind("id", requestId).mapTo(Boolean.class).one());
    }
}
