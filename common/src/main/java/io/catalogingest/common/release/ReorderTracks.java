package io.catalogingest.common.release;

import java.util.List;

/**
 * Command: put a release's tracks in a new order (Royalti's {@code trackOrder}): every track id of the release once;
 * they are numbered 1..n in that order.
 */
public record ReorderTracks(String releaseId, List<String> trackOrder) implements ReleaseCommand {

    public ReorderTracks {
        trackOrder = trackOrder == null ? List.of() : List.copyOf(trackOrder);
    }
}
