package io.catalogingest.ingest.autocreation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.MediaStatus;
import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The statements of auto-creation against real Postgres: an approved release read, its entries written. */
@CatalogInfrastructureTest
class ReleaseCatalogDaoTest {

    private static Jdbi jdbi;
    private static ReleaseCatalogDao catalog;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
        catalog = jdbi.onDemand(ReleaseCatalogDao.class);
    }

    @Test
    void theReleaseItsTracksAndItsFilesThatWereNotRefusedAreRead() {
        String tenant = tenant();
        UUID release = release(tenant);
        UUID second = track(tenant, release, 2, null);
        UUID first = track(tenant, release, 1, 181.4);
        UUID audio = media(tenant, release, first, "promoted", "{\"duration\": 180.6}");
        media(tenant, release, null, "rejected", "{}");
        UUID cover = media(tenant, release, null, "registered", "{\"duration\": \"n/a\"}");

        ReleaseCatalogDao.Release found = catalog.lockRelease(tenant, release).orElseThrow();
        assertThat(found.status()).isEqualTo(ReleaseStatus.APPROVED);
        assertThat(found.mainGenre()).containsExactly("Pop");
        assertThat(found.subGenre()).isEmpty();
        assertThat(found.artistsJson()).isEqualTo("[{\"artist\": \"Someone\"}]");
        assertThat(catalog.lockRelease("another-tenant", release)).isEmpty();
        assertThat(catalog.tracks(tenant, release))
                .extracting(ReleaseCatalogDao.Track::id, ReleaseCatalogDao.Track::number,
                        ReleaseCatalogDao.Track::declaredDuration)
                .containsExactly(tuple(first, 1, 181.4), tuple(second, 2, null));
        List<ReleaseCatalogDao.Media> media = catalog.media(tenant, release);
        assertThat(media).extracting(ReleaseCatalogDao.Media::id).containsExactlyInAnyOrder(audio, cover);
        assertThat(media).filteredOn(file -> file.id().equals(audio)).singleElement()
                .satisfies(file -> {
                    assertThat(file.duration()).isEqualTo(180.6);
                    assertThat(file.status()).isEqualTo(MediaStatus.PROMOTED);
                    assertThat(file.trackId()).isEqualTo(first);
                });
        assertThat(media).filteredOn(file -> file.id().equals(cover)).singleElement()
                .satisfies(file -> assertThat(file.duration()).as("not a number").isNull());
    }

    @Test
    void artistsAreFoundByIdBeforeNameAndEntriesAreWrittenOnce() {
        String tenant = tenant();
        catalog.insertArtist(tenant, "a-1", "Same");
        catalog.insertArtist(tenant, "Same", "Other");
        assertThat(catalog.findArtist(tenant, "Same")).as("the id wins over the name").contains("Same");
        assertThat(catalog.findArtist(tenant, "Other")).contains("Same");
        assertThat(catalog.findArtist(tenant, "Nobody")).isEmpty();

        UUID release = release(tenant);
        UUID track = track(tenant, release, 1, null);
        UUID file = media(tenant, release, track, "promoted", "{}");
        assertThat(catalog.assetExists(tenant, "asset-1")).isFalse();
        catalog.insertAsset(tenant, "asset-1", "Title", "Artist", "USRC17607839", 180, "Audio", UUID.randomUUID());
        catalog.linkTrack(track, "asset-1");
        catalog.attachAssetMedia(tenant, "asset-1", file);
        catalog.attachAssetMedia(tenant, "asset-1", file);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into product (tenant_id, id, title, type, status)
                        values (:tenant, 'product-1', 'Title', 'Audio', 'active')""")
                .bind("tenant", tenant).execute());
        catalog.attachProductMedia(tenant, "product-1", file, 1);
        catalog.attachProductMedia(tenant, "product-1", file, 1);

        assertThat(catalog.assetExists(tenant, "asset-1")).isTrue();
        assertThat(catalog.assetExists("another-tenant", "asset-1")).isFalse();
        assertThat(catalog.tracks(tenant, release)).singleElement().extracting(ReleaseCatalogDao.Track::assetId)
                .isEqualTo("asset-1");
        long links = jdbi.withHandle(handle -> handle.createQuery("""
                        select (select count(*) from asset_media where media_id = :file)
                             + (select count(*) from product_media where media_id = :file)""")
                .bind("file", file).mapTo(Long.class).one());
        assertThat(links).as("attached once each").isEqualTo(2);
    }

    @Test
    void aRecordedFailureIsReplacedByTheNextAnswer() {
        String tenant = tenant();
        UUID release = release(tenant);
        assertThat(catalog.recorded(release)).isEmpty();

        catalog.record(release, tenant, "product-1", UUID.randomUUID(), false, UUID.randomUUID(), "failed.v1",
                "{\"status\": 409}");
        UUID eventId = UUID.randomUUID();
        catalog.record(release, tenant, "product-1", UUID.randomUUID(), true, eventId, "created.v1",
                "{\"productId\": \"product-1\"}");

        ReleaseCatalogDao.Recorded recorded = catalog.recorded(release).orElseThrow();
        assertThat(recorded.succeeded()).isTrue();
        assertThat(recorded.eventId()).isEqualTo(eventId);
        assertThat(recorded.eventType()).isEqualTo("created.v1");
        assertThat(recorded.eventPayload()).isEqualTo("{\"productId\": \"product-1\"}");
        assertThat(recorded.tenantId()).isEqualTo(tenant);
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static UUID release(String tenant) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into release (tenant_id, id, owner_id, status, title, display_artist, artists, main_genre)
                        values (:tenant, :id, 'owner', 'approved', 'Title', 'Artist', '[{"artist": "Someone"}]',
                            '{Pop}')""")
                .bind("tenant", tenant).bind("id", id).execute());
        return id;
    }

    private static UUID track(String tenant, UUID release, int number, Double duration) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into release_track (id, tenant_id, release_id, track_number, title, duration)
                        values (:id, :tenant, :release, :number, 'Track', :duration)""")
                .bind("id", id).bind("tenant", tenant).bind("release", release).bind("number", number)
                .bind("duration", duration).execute());
        return id;
    }

    private static UUID media(String tenant, UUID release, UUID track, String status, String metadata) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into media (id, tenant_id, release_id, track_id, bucket, object_key, upload_key, name,
                            type, size, sha256, status, metadata, uploaded_at)
                        values (:id, :tenant, :release, :track, 'media', :key, :key, 'a.flac', 'audio', 1, '00',
                            :status, cast(:metadata as jsonb), now())""")
                .bind("id", id).bind("tenant", tenant).bind("release", release).bind("track", track)
                .bind("key", "key-" + id).bind("status", status).bind("metadata", metadata).execute());
        return id;
    }
}
