package io.catalogingest.ingest.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The release statements of the ingest-worker against real Postgres. */
@CatalogInfrastructureTest
class ReleaseDaoTest {

    private static final String TENANT = "tenant-releases";

    private static Jdbi jdbi;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
    }

    @Test
    void aDraftIsInsertedWithItsTracksOnceAndThenSubmitted() {
        ReleaseId id = new ReleaseId(UUID.randomUUID());

        boolean inserted = jdbi.inTransaction(handle -> {
            ReleaseDao releases = handle.attach(ReleaseDao.class);
            boolean created = releases.insert(release(id));
            releases.insertTracks(List.of(track(id, 1), track(id, 2)));
            return created;
        });
        boolean again = jdbi.inTransaction(handle -> handle.attach(ReleaseDao.class).insert(release(id)));

        assertThat(inserted).isTrue();
        assertThat(again).as("the id is taken").isFalse();
        Map<String, Object> row = jdbi.withHandle(handle -> handle.createQuery("""
                        select status, main_genre::text as genres, artists::text as artists, metadata::text as metadata
                        from release where id = :id""").bind("id", id.value()).mapToMap().one());
        assertThat(row).containsEntry("status", "draft").containsEntry("genres", "{Pop,Rock}")
                .containsEntry("metadata", "{}");
        assertThat(jdbi.onDemand(ReleaseDao.class).trackCount(id)).isEqualTo(2);

        Instant submittedAt = jdbi.inTransaction(handle -> {
            ReleaseDao releases = handle.attach(ReleaseDao.class);
            assertThat(releases.lockStatus(TENANT, id)).contains(ReleaseStatus.DRAFT);
            return releases.markSubmitted(TENANT, id);
        });
        assertThat(submittedAt).isBefore(Instant.now().plusSeconds(1));
        assertThat(jdbi.onDemand(ReleaseDao.class).lockStatus(TENANT, id)).contains(ReleaseStatus.SUBMITTED);
    }

    @Test
    void anotherTenantsOrAnUnknownReleaseHasNoStatus() {
        ReleaseId id = new ReleaseId(UUID.randomUUID());
        jdbi.useTransaction(handle -> handle.attach(ReleaseDao.class).insert(release(id)));

        ReleaseDao releases = jdbi.onDemand(ReleaseDao.class);
        assertThat(releases.lockStatus("another-tenant", id)).isEmpty();
        assertThat(releases.lockStatus(TENANT, new ReleaseId(UUID.randomUUID()))).isEmpty();
        assertThat(releases.trackCount(id)).isZero();
    }

    @Test
    void onlyRegisteredMediaAreCounted() {
        ReleaseId id = new ReleaseId(UUID.randomUUID());
        jdbi.useTransaction(handle -> handle.attach(ReleaseDao.class).insert(release(id)));
        for (String status : List.of("registered", "registered", "rejected")) {
            jdbi.useHandle(handle -> handle.createUpdate("""
                            insert into media (id, tenant_id, release_id, bucket, object_key, upload_key, name, size,
                                sha256, status, uploaded_at)
                            values (:id, :tenant, :release, 'temp', :key, :key, 'a.png', 1, '00', :status, now())""")
                    .bind("id", UUID.randomUUID()).bind("tenant", TENANT).bind("release", id.value())
                    .bind("key", "key-" + UUID.randomUUID()).bind("status", status).execute());
        }

        assertThat(jdbi.onDemand(ReleaseDao.class).registeredMediaCount(id)).isEqualTo(2);
    }

    private static ReleaseDao.NewRelease release(ReleaseId id) {
        return new ReleaseDao.NewRelease(TENANT, id, "owner", "Title", "Artist", "[{\"artist\":\"A\"}]", "Single",
                "Audio", null, "Label", "(c)", null, new String[] {"Pop", "Rock"}, new String[0],
                LocalDate.of(2026, 1, 2), null, "clean", null, "{}", UUID.randomUUID());
    }

    private static ReleaseDao.NewTrack track(ReleaseId releaseId, int number) {
        return new ReleaseDao.NewTrack(new TrackId(UUID.randomUUID()), TENANT, releaseId, number, "Track " + number,
                null, null, null, 181.5, null, "[]", false, "en", new String[] {"Pop"}, new String[0], null, null);
    }
}
