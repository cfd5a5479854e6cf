package io.catalogingest.gateway.release;

import java.util.List;
import java.util.Set;

import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.FormReader.Text;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /releases/{id}/revert-status}: {@code {targetStatus, reason}} (Royalti's T9/T10). */
final class RevertForm {

    static final int REASON_MAX = 1000;
    static final String REFUSAL = "Invalid target status or missing reason";
    private static final List<String> TARGETS = List.of("draft", "submitted");

    private RevertForm() {
    }

    /** What the admin asked for. */
    record Revert(ReleaseStatus targetStatus, String reason) {
    }

    /**
     * @throws FormException 400 naming every bad field
     */
    static Revert read(JsonNode given) {
        JsonNode body = FormReader.body(given, REFUSAL);
        FormReader form = new FormReader();
        String target = form.exactly(body, "targetStatus", TARGETS);
        String reason = form.text(body, "reason", Text.required(REASON_MAX));
        form.unknownFields(body, null, Set.of("targetStatus", "reason"), "a revert");
        form.check(REFUSAL);
        return new Revert(ReleaseStatus.fromJsonName(target), reason);
    }
}
