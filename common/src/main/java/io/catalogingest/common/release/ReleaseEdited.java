package io.catalogingest.common.release;

/**
 * Event: a release in {@code draft} or {@code rejected} was edited; the release as it is now is read from the catalog
 * by its id.
 *
 * @param change     what changed: {@code release}, {@code track-added}, {@code track-updated}, {@code track-deleted},
 *                   {@code tracks-reordered} or {@code asset-linked}
 * @param trackId    the track concerned, or null
 * @param trackCount the release's tracks afterwards
 */
public record ReleaseEdited(String releaseId, String change, String trackId, int trackCount) {
}
