package io.catalogingest.common.workspace;

/**
 * A workspace admin's change, on {@code catalog.catalog-commands.v1}. Its aggregate is the workspace itself: the
 * command is keyed by the envelope's tenant id (which its payload does not repeat), so one workspace's changes apply
 * in order.
 */
public sealed interface WorkspaceCommand permits ChangeWorkspaceSetting, AddUpcBlock, RetireUpcBlock {
}
