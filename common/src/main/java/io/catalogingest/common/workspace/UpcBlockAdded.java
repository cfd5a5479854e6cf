package io.catalogingest.common.workspace;

import java.util.UUID;

/** Event: the workspace has a new UPC block, allocated from once its earlier blocks are used up. */
public record UpcBlockAdded(String blockId, String companyPrefix, int gtinLength, long firstItemReference,
                            long lastItemReference, UUID requestId) {
}
