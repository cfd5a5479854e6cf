package io.catalogingest.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.MediaId;
import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.MediaStatus;
import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The media statements of the ingest-worker against real Postgres: one row per media key, and its replacement. */
@CatalogInfrastructureTest
class MediaDaoTest {

    private static final String TENANT = "tenant-media";

    private static Jdbi jdbi;
    private static MediaDao media;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
        media = jdbi.onDemand(MediaDao.class);
    }

    @Test
    void theReleaseStatusAndTracksAreReadForTheTenantOnly() {
        ReleaseId release = release();
        TrackId track = track(release);

        assertThat(media.status(TENANT, release)).contains(ReleaseStatus.DRAFT);
        Optional<ReleaseStatus> locked = jdbi.inTransaction(handle ->
                handle.attach(MediaDao.class).lockStatus(TENANT, release));
        assertThat(locked).contains(ReleaseStatus.DRAFT);
        assertThat(media.status("another-tenant", release)).isEmpty();
        assertThat(media.trackExists(release, track)).isTrue();
        assertThat(media.trackExists(release, new TrackId(UUID.randomUUID()))).isFalse();
    }

    @Test
    void aNewUploadOfAMediaKeyReplacesItsRowAndARefusalDoesNotReplaceARegisteredFile() {
        ReleaseId release = release();
        String key = "media-key-" + UUID.randomUUID();
        MediaId first = new MediaId(UUID.randomUUID());
        media.upsert(verdict(first, release, null, key, "upload-1", MediaStatus.REGISTERED, null));
        MediaId second = new MediaId(UUID.randomUUID());
        media.upsert(verdict(second, release, null, key, "upload-2", MediaStatus.REGISTERED, null));

        MediaDao.Row row = media.byKey(TENANT, key).orElseThrow();
        assertThat(row.id()).isEqualTo(second);
        assertThat(row.uploadKey()).isEqualTo("upload-2");
        assertThat(row.status()).isEqualTo(MediaStatus.REGISTERED);

        media.upsertOverRejected(verdict(new MediaId(UUID.randomUUID()), release, null, key, "upload-3",
                MediaStatus.REJECTED, "not audio"));
        assertThat(media.byKey(TENANT, key).orElseThrow().id()).as("the registered file stays").isEqualTo(second);

        media.delete(second);
        assertThat(media.byKey(TENANT, key)).isEmpty();
        MediaId refused = new MediaId(UUID.randomUUID());
        media.upsertOverRejected(verdict(refused, release, null, key, "upload-4", MediaStatus.REJECTED, "no"));
        MediaId refusedAgain = new MediaId(UUID.randomUUID());
        media.upsertOverRejected(verdict(refusedAgain, release, null, key, "upload-5", MediaStatus.REJECTED, "no"));
        assertThat(media.byKey(TENANT, key).orElseThrow().id()).as("a refusal replaces a refusal")
                .isEqualTo(refusedAgain);
        assertThat(media.byKey("another-tenant", key)).isEmpty();
    }

    @Test
    void otherTrackFilesAreTheTracksOtherRegisteredFiles() {
        ReleaseId release = release();
        TrackId track = track(release);
        MediaId kept = new MediaId(UUID.randomUUID());
        MediaId other = new MediaId(UUID.randomUUID());
        MediaId refused = new MediaId(UUID.randomUUID());
        media.upsert(verdict(kept, release, track, "kept-" + kept, "u1", MediaStatus.REGISTERED, null));
        media.upsert(verdict(other, release, track, "other-" + other, "u2", MediaStatus.REGISTERED, null));
        media.upsert(verdict(refused, release, track, "refused-" + refused, "u3", MediaStatus.REJECTED, "no"));
        media.upsert(verdict(new MediaId(UUID.randomUUID()), release, null, "release-file-" + UUID.randomUUID(), "u4",
                MediaStatus.REGISTERED, null));

        assertThat(media.otherTrackFiles(TENANT, release, track, "kept-" + kept))
                .extracting(MediaDao.Row::id).containsExactly(other);
    }

    @Test
    void aLinkAndAnUploadOfOneMediaKeyReplaceEachOtherWholly() {
        ReleaseId release = release();
        String key = "linked-" + UUID.randomUUID();
        media.upsert(verdict(new MediaId(UUID.randomUUID()), release, null, key, "upload-1", MediaStatus.REGISTERED,
                null));
        MediaId link = new MediaId(UUID.randomUUID());
        media.upsertLink(new MediaDao.Link(link, TENANT, release, null, "temp", key, "upload-of-link", "a.wav",
                "audio", "https://files.example.com/a.wav", Instant.now(), UUID.randomUUID()));

        assertThat(columns(key)).containsExactly(link.value().toString(), "upload-of-link", null, null, "0",
                "https://files.example.com/a.wav", "registered");

        MediaId upload = new MediaId(UUID.randomUUID());
        media.upsert(verdict(upload, release, null, key, "upload-2", MediaStatus.REGISTERED, null));
        assertThat(columns(key)).as("an upload over a link is no link any more")
                .containsExactly(upload.value().toString(), "upload-2", "etag", "00", "10", null, "registered");
    }

    /** id, upload key, etag, sha256, size, link URL and status of the row of a media key. */
    private static List<String> columns(String key) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        select id::text, upload_key, etag, sha256, size::text, link_url, status from media
                        where tenant_id = :tenant and object_key = :key""")
                .bind("tenant", TENANT).bind("key", key)
                .map((rs, ctx) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))).one());
    }

    private static MediaDao.Verdict verdict(MediaId id, ReleaseId release, TrackId track, String key, String upload,
                                            MediaStatus status, String rejection) {
        return new MediaDao.Verdict(id, TENANT, release, track, "temp", key, upload, "etag", "a.flac",
                status == MediaStatus.REJECTED ? null : "audio", "audio/flac", 10, "00", status, rejection,
                "{\"duration\": 1.5}", Instant.now(), UUID.randomUUID());
    }

    private static ReleaseId release() {
        ReleaseId id = new ReleaseId(UUID.randomUUID());
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into release (tenant_id, id, owner_id, title, display_artist)
                        values (:tenant, :id, 'owner', 'Title', 'Artist')""")
                .bind("tenant", TENANT).bind("id", id.value()).execute());
        return id;
    }

    private static TrackId track(ReleaseId release) {
        TrackId id = new TrackId(UUID.randomUUID());
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into release_track (id, tenant_id, release_id, track_number, title)
                        values (:id, :tenant, :release, 1, 'Track')""")
                .bind("id", id.value()).bind("tenant", TENANT).bind("release", release.value()).execute());
        return id;
    }
}
