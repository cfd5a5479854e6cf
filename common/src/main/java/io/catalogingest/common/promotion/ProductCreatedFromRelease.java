package io.catalogingest.common.promotion;

import java.util.List;

/**
 * Event on {@code catalog.catalog-events.v1}, keyed by the product id: the catalog entries of an approved release
 * exist.
 *
 * @param format {@code Single}, {@code EP} or {@code Album}
 * @param tracks the product's tracks in order
 */
public record ProductCreatedFromRelease(String releaseId, String productId, String upc, String format,
                                        List<Track> tracks, int productMediaCount)
        implements AutoCreationAnswer {

    public ProductCreatedFromRelease {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }

    /**
     * A track of the release and the asset it became.
     *
     * @param created true when the asset was created now, false when the track was linked to an existing one
     */
    public record Track(String trackId, int number, String assetId, boolean created, int mediaCount) {
    }
}
