package io.catalogingest.common.workspace;

import java.util.UUID;

/** Event: a workspace setting now has this value (normalized text form). */
public record WorkspaceSettingChanged(String name, String value, UUID requestId) {
}
