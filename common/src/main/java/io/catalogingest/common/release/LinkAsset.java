package io.catalogingest.common.release;

/**
 * Command: add an existing catalog asset of the workspace to a release as a new track (Royalti's
 * {@code tracks/link-asset}). The asset's title, display artist, ISRC and duration are the track's defaults, which
 * {@code overrides} replace; the track keeps the asset's id, so approving the release reuses the asset.
 *
 * @param trackId     the new track's id (a UUID the gateway assigns)
 * @param trackNumber where the track goes, as in {@link AddTrack}
 */
public record LinkAsset(String releaseId, String trackId, String assetId, int trackNumber, TrackChanges overrides)
        implements ReleaseCommand {

    public LinkAsset {
        overrides = overrides == null ? TrackChanges.none() : overrides;
    }
}
