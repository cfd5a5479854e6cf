package io.catalogingest.common.workspace;

import java.util.UUID;

/** Event: no more numbers are allocated from the block. */
public record UpcBlockRetired(String blockId, UUID requestId) {
}
