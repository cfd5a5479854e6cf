package io.catalogingest.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.web.FormException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The review body on the form kit: every bad field named in one 400. */
class ReviewFormTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anApprovalNeedsNoFeedbackAndFeedbackIsProse() {
        assertThat(ReviewForm.of(json("{\"action\": \"approve\"}"))).isEqualTo(new ReviewForm("approve", null));
        ReviewForm rejected = ReviewForm.of(json("{\"action\": \"reject\", \"feedback\": \"Add the artwork,\\nplease\"}"));
        assertThat(rejected.approve()).isFalse();
        assertThat(rejected.feedback()).isEqualTo("Add the artwork,\nplease");
    }

    @Test
    void aRejectionWithoutUsableFeedbackAndAnUnknownActionAreRefusedPerField() {
        assertThatThrownBy(() -> ReviewForm.of(json("{\"action\": \"reject\", \"feedback\": 12}")))
                .isInstanceOfSatisfying(FormException.class, refusal -> {
                    assertThat(refusal.getMessage()).isEqualTo("Invalid review");
                    assertThat(refusal.errors()).containsExactly(new FieldError("feedback", "must be a string"),
                            new FieldError("feedback", "is required to reject a release"));
                });
        assertThatThrownBy(() -> ReviewForm.of(json("{\"action\": \"publish\", \"feedback\": \"" + "x".repeat(5001)
                + "\"}"))).isInstanceOfSatisfying(FormException.class, refusal -> assertThat(refusal.errors())
                .containsExactly(new FieldError("action", "must be one of approve, reject"),
                        new FieldError("feedback", "must be at most 5000 characters")));
        assertThatThrownBy(() -> ReviewForm.of(json("[]"))).isInstanceOfSatisfying(FormException.class,
                refusal -> assertThat(refusal.errors()).containsExactly(
                        new FieldError(null, "the body must be a JSON object")));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
