package io.catalogingest.ingest.product;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.catalogingest.common.format.FormatThresholds;

/**
 * The limits of the format rule (DESIGN.md §4), {@code catalog.format.*}; the defaults are the rule's own.
 *
 * @param maxSingleTracks        a Single has at most this many tracks
 * @param minAlbumTracks         this many tracks or more make an Album
 * @param maxSingleTrackDuration a Single's longest track is strictly shorter than this
 * @param maxSingleTotal         a Single lasts at most this long
 * @param albumTotalOver         a product lasting longer than this is an Album
 */
@ConfigurationProperties("catalog.format")
public record FormatProperties(@DefaultValue("3") int maxSingleTracks,
                               @DefaultValue("7") int minAlbumTracks,
                               @DefaultValue("10m") Duration maxSingleTrackDuration,
                               @DefaultValue("30m") Duration maxSingleTotal,
                               @DefaultValue("30m") Duration albumTotalOver) {

    public FormatThresholds thresholds() {
        return new FormatThresholds(maxSingleTracks, minAlbumTracks, maxSingleTrackDuration, maxSingleTotal,
                albumTotalOver);
    }
}
