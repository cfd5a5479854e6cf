package io.catalogingest.common.format;

import java.time.Duration;
import java.util.Objects;

/**
 * The configurable limits of {@link FormatRule}.
 *
 * @param maxSingleTracks        a Single has at most this many tracks
 * @param minAlbumTracks         this many tracks or more make an Album
 * @param maxSingleTrackDuration a Single's longest track is strictly shorter than this
 * @param maxSingleTotal         a Single's total duration is at most this
 * @param albumTotalOver         a total duration strictly longer than this makes an Album
 */
public record FormatThresholds(
        int maxSingleTracks,
        int minAlbumTracks,
        Duration maxSingleTrackDuration,
        Duration maxSingleTotal,
        Duration albumTotalOver) {

    /** 3 tracks, 7 tracks, 10 minutes, 30 minutes, 30 minutes. */
    public static final FormatThresholds DEFAULTS = new FormatThresholds(
            3, 7, Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(30));

    public FormatThresholds {
        Objects.requireNonNull(maxSingleTrackDuration, "maxSingleTrackDuration");
        Objects.requireNonNull(maxSingleTotal, "maxSingleTotal");
        Objects.requireNonNull(albumTotalOver, "albumTotalOver");
        if (maxSingleTracks < 1 || minAlbumTracks <= maxSingleTracks) {
            throw new IllegalArgumentException("Need 1 <= maxSingleTracks < minAlbumTracks, got "
                    + maxSingleTracks + " and " + minAlbumTracks);
        }
        if (maxSingleTrackDuration.isNegative() || maxSingleTrackDuration.isZero()
                || maxSingleTotal.isNegative() || maxSingleTotal.isZero()
                || albumTotalOver.isNegative() || albumTotalOver.isZero()) {
            throw new IllegalArgumentException("Format durations must be positive");
        }
    }
}
