package io.catalogingest.common.workspace;

/**
 * Command: set one setting of the workspace (the envelope's tenant), keyed by the tenant id.
 *
 * @param name  a {@link WorkspaceSetting} name, e.g. {@code auto-upc}
 * @param value the value in its normalized text form ({@link WorkspaceSetting#normalize})
 */
public record ChangeWorkspaceSetting(String name, String value) implements WorkspaceCommand {
}
