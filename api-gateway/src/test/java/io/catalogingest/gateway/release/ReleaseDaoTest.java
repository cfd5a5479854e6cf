package io.catalogingest.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.MediaId;
import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.TrackId;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.MediaStatus;
import io.catalogingest.gateway.CatalogRows;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The gateway's release reads against real Postgres: one release, a filtered page, tracks and media. */
@CatalogInfrastructureTest
class ReleaseDaoTest {

    private static CatalogRows rows;
    private static ReleaseDao releases;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        rows = new CatalogRows(infrastructure);
        releases = rows.jdbi.onDemand(ReleaseDao.class);
    }

    @Test
    void aReleaseItsStatusAndTracksAreReadInItsTenantOnly() {
        String tenant = CatalogRows.tenant();
        ReleaseId id = new ReleaseId(rows.release(tenant, "Title", "submitted"));
        TrackId second = new TrackId(rows.track(tenant, id.value(), 2));
        TrackId first = new TrackId(rows.track(tenant, id.value(), 1));

        assertThat(releases.status(tenant, id)).contains(ReleaseStatus.SUBMITTED);
        assertThat(releases.status("another-tenant", id)).isEmpty();
        assertThat(releases.trackExists(tenant, id, first)).isTrue();
        assertThat(releases.trackExists("another-tenant", id, first)).isFalse();
        ReleaseDao.ReleaseRow found = releases.find(tenant, id).orElseThrow();
        assertThat(found.mainGenre()).containsExactly("Pop");
        assertThat(found.subGenre()).isEmpty();
        assertThat(found.artists()).contains("Someone");
        assertThat(found.metadata()).isEqualTo("{}");
        assertThat(releases.tracks(new String[] {id.toString()})).extracting(ReleaseDao.TrackRow::id)
                .containsExactly(first.toString(), second.toString());
    }

    @Test
    void aPageIsFilteredByEachGivenFilterNewestFirst() {
        String tenant = CatalogRows.tenant();
        UUID draft = rows.release(tenant, "Blue moon", "draft");
        UUID submitted = rows.release(tenant, "Red sun", "submitted");
        UUID other = rows.release(tenant, "Blue sky", "submitted");

        assertThat(releases.count(tenant, null, null, null, null, null, null)).isEqualTo(3);
        assertThat(releases.count(tenant, null, null, "submitted", null, null, null)).isEqualTo(2);
        assertThat(releases.count(tenant, null, null, null, "single", "audio", "%blue%")).isEqualTo(2);
        assertThat(releases.count(tenant, null, null, null, "album", null, null)).isZero();
        assertThat(releases.count(tenant, null, null, null, null, null, "%!%%")).as("a literal %").isZero();
        assertThat(releases.page(tenant, null, null, "submitted", null, null, "%Blue%", 10, 0))
                .extracting(ReleaseDao.ReleaseRow::id).containsExactly(other.toString());
        assertThat(releases.page(tenant, null, null, null, null, null, null, 2, 0))
                .extracting(ReleaseDao.ReleaseRow::id).containsExactly(other.toString(), submitted.toString());
        assertThat(releases.page(tenant, null, null, null, null, null, null, 2, 2))
                .extracting(ReleaseDao.ReleaseRow::id).containsExactly(draft.toString());
    }

    @Test
    void aUsersPageAndCountsHoldOnlyTheirOwnReleases() {
        String tenant = CatalogRows.tenant();
        UUID mine = rows.release(tenant, "Mine", "draft", "user-a");
        UUID mineToo = rows.release(tenant, "Mine too", "submitted", "user-a");
        UUID theirs = rows.release(tenant, "Theirs", "draft", "user-b");
        rows.release("another-" + tenant, "Elsewhere", "draft", "user-a");

        assertThat(releases.page(tenant, "user-a", null, null, null, null, null, 10, 0))
                .extracting(ReleaseDao.ReleaseRow::id).containsExactly(mineToo.toString(), mine.toString());
        assertThat(releases.count(tenant, "user-a", "user-b", null, null, null, null))
                .as("a user asking for another owner's releases").isZero();
        assertThat(releases.page(tenant, null, "user-b", null, null, null, null, 10, 0))
                .extracting(ReleaseDao.ReleaseRow::id).containsExactly(theirs.toString());
        assertThat(releases.countsByStatus(tenant, "user-a")).containsExactlyInAnyOrder(
                new ReleaseDao.StatusCount("draft", 1), new ReleaseDao.StatusCount("submitted", 1));
        assertThat(releases.countsByStatus(tenant, null)).containsExactlyInAnyOrder(
                new ReleaseDao.StatusCount("draft", 2), new ReleaseDao.StatusCount("submitted", 1));
        assertThat(releases.countsByStatus(tenant, "nobody")).isEmpty();
    }

    @Test
    void registeredAndPromotedMediaAreReadReleaseFilesFirst() {
        String tenant = CatalogRows.tenant();
        ReleaseId id = new ReleaseId(rows.release(tenant, "Title", "draft"));
        UUID track = rows.track(tenant, id.value(), 1);
        UUID audio = rows.media(tenant, id.value(), track, "a.flac", "registered");
        UUID cover = rows.media(tenant, id.value(), null, "cover.png", "promoted");
        rows.media(tenant, id.value(), null, "bad.png", "rejected");

        List<ReleaseDao.MediaRow> media = releases.media(tenant, id);
        assertThat(media).extracting(ReleaseDao.MediaRow::id).containsExactly(cover.toString(), audio.toString());
        assertThat(media.get(0).status()).isEqualTo(MediaStatus.PROMOTED);
        assertThat(media.get(1).trackId()).isEqualTo(track.toString());
        assertThat(media.get(1).metadata()).contains("duration");
        assertThat(releases.media("another-tenant", id)).isEmpty();
        assertThat(releases.mediaByKey(tenant, id, "key/" + audio)).map(ReleaseDao.MediaRow::uploadKey)
                .contains("upload/" + audio);
        assertThat(releases.keyOfMediaId(tenant, id, new MediaId(cover))).contains("key/" + cover);
        assertThat(releases.keyOfMediaId(tenant, id, new MediaId(UUID.randomUUID()))).isEmpty();
    }
}
