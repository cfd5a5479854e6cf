package io.catalogingest.common.release;

import java.util.List;

/**
 * Event: an admin moved a release back to {@code status} from {@code previousStatus}. What its approval had made is
 * gone: {@code deletedProductId} (the product auto-created from it, soft-deleted; its UPC stays spent) and
 * {@code deletedAssetIds} (the assets created for its tracks; linked assets stay), and {@code restoredMediaCount}
 * promoted files were copied back to the temporary bucket at new upload keys.
 *
 * @param deletedProductId null when the release had no product
 */
public record ReleaseReverted(String releaseId, ReleaseStatus previousStatus, ReleaseStatus status, String reason,
                              String deletedProductId, List<String> deletedAssetIds, int restoredMediaCount) {

    public ReleaseReverted {
        deletedAssetIds = deletedAssetIds == null ? List.of() : List.copyOf(deletedAssetIds);
    }
}
