package io.catalogingest.gateway.workspace;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the workspace endpoints ({@code data} of Royalti's envelope). */
final class WorkspaceAnswers {

    private WorkspaceAnswers() {
    }

    /**
     * A setting and its effective value.
     *
     * @param value a boolean, a number, a string or a list of names, by setting
     * @param isDefault whether the workspace has not set it (the deployment's default applies)
     */
    @Schema(name = "WorkspaceSetting")
    record Setting(@Schema(example = "auto-upc") String name,
                   @Schema(types = {"boolean", "number", "string", "array"},
                           description = "auto-upc, webhook-isActive: boolean; upc-low-threshold: number; "
                                   + "webhook-url: string; webhook-enabledEvents: array of event names") Object value,
                   boolean isDefault,
                   @Schema(types = {"string", "null"}, format = "date-time") Instant updatedAt) {
    }

    /** The body of {@code PUT /tenant/settings/{name}} (documentation; read as JSON). */
    @Schema(name = "WorkspaceSettingRequest")
    record SettingRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            types = {"boolean", "number", "string", "array"}, description = "auto-upc, webhook-isActive: true/false; "
            + "upc-low-threshold: a whole number ≥ 0; webhook-url: an http(s) URL or \"\"; webhook-enabledEvents: "
            + "names like RELEASE_SUBMITTED or RELEASE_*, comma-separated or as an array, \"\" for all")
                          Object value) {
    }

    /** The body of {@code POST /tenant/upc-blocks} (documentation; read as JSON). */
    @Schema(name = "UpcBlockRequest")
    record UpcBlockRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[0-9]+$",
                    description = "Your GS1 company prefix, digits (leading zeros count)", example = "0614141")
            String companyPrefix,
            @Schema(allowableValues = {"12", "13"}, defaultValue = "12") Integer gtinLength,
            @Schema(minimum = "0", defaultValue = "0") Long firstItemReference,
            @Schema(minimum = "0", description = "Default: the last item reference the prefix allows")
            Long lastItemReference) {
    }

    /** Royalti's envelope around a changed setting. */
    @Schema(name = "WorkspaceSettingAnswer")
    record SettingAnswer(boolean success, String message, Setting data) {
    }

    /** Royalti's envelope around an added or retired UPC block. */
    record UpcBlockAnswer(boolean success, String message, UpcBlock data) {
    }

    /** The workspace's UPC blocks and how many numbers they have left. */
    record UpcBlocks(boolean autoUpc, long free, long lowThreshold, boolean low, List<UpcBlock> blocks) {
    }

    /** One GS1 company-prefix block. */
    record UpcBlock(UUID id, String companyPrefix, int gtinLength, long firstItemReference, long lastItemReference,
                    String firstUpc, String lastUpc, long capacity, long used, long free,
                    @Schema(allowableValues = {"active", "retired"}) String status, Instant createdAt,
                    @Schema(types = {"string", "null"}, format = "date-time") Instant retiredAt) {
    }
}
