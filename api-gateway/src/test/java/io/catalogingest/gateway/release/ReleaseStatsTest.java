package io.catalogingest.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.catalogingest.common.release.ReleaseStatus;

/** Royalti's counters from the count of each status: every release in exactly one of them. */
class ReleaseStatsTest {

    @Test
    void eachStatusFeedsOneCounterAndTheyAddUpToTheTotal() {
        ReleaseStats stats = ReleaseStats.of(Map.of(ReleaseStatus.DRAFT, 4L, ReleaseStatus.SUBMITTED, 3L,
                ReleaseStatus.APPROVED, 2L, ReleaseStatus.REJECTED, 1L, ReleaseStatus.COMPLETED, 5L));

        assertThat(stats.total()).isEqualTo(15);
        assertThat(stats.totalDrafts()).isEqualTo(4);
        assertThat(stats.totalPending()).isEqualTo(3);
        assertThat(stats.totalScheduled()).isEqualTo(2);
        assertThat(stats.totalRejected()).isEqualTo(1);
        assertThat(stats.totalPublished()).isEqualTo(5);
        assertThat(stats.totalDrafts() + stats.totalPending() + stats.totalScheduled() + stats.totalRejected()
                + stats.totalPublished()).isEqualTo(stats.total());
    }

    @Test
    void aStatusWithoutReleasesCountsZeroAndIsStillNamed() {
        ReleaseStats stats = ReleaseStats.of(Map.of(ReleaseStatus.DRAFT, 2L));

        assertThat(stats.total()).isEqualTo(2);
        assertThat(stats.totalPublished()).isZero();
        assertThat(stats.byStatus()).containsExactly(Map.entry("draft", 2L), Map.entry("submitted", 0L),
                Map.entry("approved", 0L), Map.entry("rejected", 0L), Map.entry("completed", 0L));
    }
}
