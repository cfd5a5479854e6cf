package io.catalogingest.common.format;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a product's format from its tracks.
 *
 * <p>With n tracks, total duration T and longest track m:
 * <ul>
 *   <li>n ≥ {@code minAlbumTracks} or T > {@code albumTotalOver} → Album;</li>
 *   <li>n ≤ {@code maxSingleTracks} and m < {@code maxSingleTrackDuration} and T ≤ {@code maxSingleTotal} → Single;</li>
 *   <li>otherwise EP.</li>
 * </ul>
 * The durations are used only when every track's is known; if any is missing, the count alone
 * decides (defaults: 1–3 Single, 4–6 EP, 7+ Album), since a partial total would understate T.
 * No tracks → no format yet.
 */
public final class FormatRule {

    private FormatRule() {
    }

    /** {@link #decide(List, FormatThresholds)} with {@link FormatThresholds#DEFAULTS}. */
    public static Optional<ProductFormat> decide(List<Duration> trackDurations) {
        return decide(trackDurations, FormatThresholds.DEFAULTS);
    }

    /**
     * The format of a product whose tracks last {@code trackDurations}.
     *
     * @param trackDurations one entry per track; {@code null} for a track whose duration is unknown
     * @throws IllegalArgumentException if a duration is negative
     */
    public static Optional<ProductFormat> decide(List<Duration> trackDurations, FormatThresholds thresholds) {
        Objects.requireNonNull(trackDurations, "trackDurations");
        Objects.requireNonNull(thresholds, "thresholds");
        int n = trackDurations.size();
        if (n == 0) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Duration longest = Duration.ZERO;
        for (Duration duration : trackDurations) {
            if (duration == null) {
                return Optional.of(byCount(n, thresholds));
            }
            if (duration.isNegative()) {
                throw new IllegalArgumentException("A track duration cannot be negative, got " + duration);
            }
            total = total.plus(duration);
            longest = longest.compareTo(duration) >= 0 ? longest : duration;
        }
        if (n >= thresholds.minAlbumTracks() || total.compareTo(thresholds.albumTotalOver()) > 0) {
            return Optional.of(ProductFormat.ALBUM);
        }
        if (n <= thresholds.maxSingleTracks()
                && longest.compareTo(thresholds.maxSingleTrackDuration()) < 0
                && total.compareTo(thresholds.maxSingleTotal()) <= 0) {
            return Optional.of(ProductFormat.SINGLE);
        }
        return Optional.of(ProductFormat.EP);
    }

    private static ProductFormat byCount(int n, FormatThresholds thresholds) {
        if (n >= thresholds.minAlbumTracks()) {
            return ProductFormat.ALBUM;
        }
        return n <= thresholds.maxSingleTracks() ? ProductFormat.SINGLE : ProductFormat.EP;
    }
}
