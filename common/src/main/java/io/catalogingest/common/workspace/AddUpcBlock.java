package io.catalogingest.common.workspace;

/**
 * Command: give the workspace (the envelope's tenant) a GS1 block to allocate UPCs from, keyed by the tenant id.
 *
 * @param blockId    the new block's id, chosen by the sender
 * @param gtinLength 12 (UPC-A) or 13 (EAN-13)
 */
public record AddUpcBlock(String blockId, String companyPrefix, int gtinLength, long firstItemReference,
                          long lastItemReference)
        implements WorkspaceCommand {
}
