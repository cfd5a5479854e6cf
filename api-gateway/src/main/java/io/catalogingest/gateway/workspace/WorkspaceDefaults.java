package io.catalogingest.gateway.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.catalogingest.common.workspace.WorkspaceSetting;

/**
 * The settings of a workspace that has not changed them, {@code catalog.workspace.defaults.*}, shown by
 * {@code GET /tenant/settings}. The ingest-worker binds the same keys from {@code catalog-common.yml}.
 */
@ConfigurationProperties("catalog.workspace.defaults")
record WorkspaceDefaults(@DefaultValue("true") boolean autoUpc, @DefaultValue("1000") long upcLowThreshold) {

    /** The default of a setting, in its normalized text form. */
    String valueOf(WorkspaceSetting setting) {
        return switch (setting) {
            case AUTO_UPC -> Boolean.toString(autoUpc);
            case UPC_LOW_THRESHOLD -> Long.toString(upcLowThreshold);
            // webhooks are off until a workspace admin sets a URL, turns them on and takes a signing secret
            case WEBHOOK_URL, WEBHOOK_ENABLED_EVENTS -> "";
            case WEBHOOK_IS_ACTIVE -> "false";
        };
    }
}
