package io.catalogingest.gateway.review;

import java.util.List;

import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.FormReader.Text;
import tools.jackson.databind.JsonNode;

/** The review body, {@code {action: approve|reject, feedback}}, checked for shape (every violation, per field). */
record ReviewForm(String action, String feedback) {

    static final int FEEDBACK_MAX = 5000;
    static final String APPROVE = "approve";
    static final String REJECT = "reject";
    private static final String REFUSAL = "Invalid review";
    /** Feedback is prose: a JSON string, line breaks and tabs allowed. */
    private static final Text FEEDBACK = new Text(FEEDBACK_MAX, false, false, true);

    boolean approve() {
        return APPROVE.equals(action);
    }

    /**
     * @throws FormException 400 naming every bad field
     */
    static ReviewForm of(JsonNode given) {
        JsonNode body = FormReader.body(given, REFUSAL);
        FormReader form = new FormReader();
        String action = form.exactly(body, "action", List.of(APPROVE, REJECT));
        String feedback = form.text(body, "feedback", FEEDBACK);
        if (REJECT.equals(action) && feedback == null) {
            form.add("feedback", "is required to reject a release");
        }
        form.check(REFUSAL);
        return new ReviewForm(action, feedback);
    }
}
