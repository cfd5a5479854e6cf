package io.catalogingest.common.workspace;

/**
 * Command: stop allocating from one of the workspace's UPC blocks, keyed by the tenant id. The block stays listed
 * and its numbers stay reserved to the workspace.
 */
public record RetireUpcBlock(String blockId) implements WorkspaceCommand {
}
