package io.catalogingest.gateway.review;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /releases/{id}/review} (documentation; the controller reads the JSON itself). */
@Schema(name = "ReviewRequest")
record ReviewRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"approve", "reject"})
                     String action,
                     @Schema(maxLength = ReviewForm.FEEDBACK_MAX, description = "Required to reject")
                     String feedback) {
}
