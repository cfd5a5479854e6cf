package io.catalogingest.gateway.release;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /releases/{id}/revert-status} (documentation; {@link RevertForm} reads the JSON). */
@Schema(name = "RevertReleaseRequest")
record RevertReleaseRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"draft", "submitted"},
                description = "draft: from rejected, approved or completed; submitted: from approved whose "
                        + "auto-creation failed") String targetStatus,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = RevertForm.REASON_MAX,
                description = "Why; kept in the release's audit trail") String reason) {
}
