package io.catalogingest.common.catalog;

/**
 * Command: create an asset (a track) a product can refer to, already checked for shape by the gateway.
 *
 * @param isrc            normalized by {@link Isrc#normalize(String)} (12 characters, no hyphens), or null
 * @param durationSeconds the track's length in whole seconds, or null when unknown
 * @param type            {@code Audio} or {@code Video}
 */
public record CreateAsset(String assetId, String title, String displayArtist, String isrc, Integer durationSeconds,
                          String type) implements CatalogCommand {

    @Override
    public String aggregateId() {
        return assetId;
    }
}
