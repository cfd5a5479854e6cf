package io.catalogingest.common.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ADR 0021, Royalti's T9/T10: which status an admin may revert a release to, from where. */
class ReleaseRevertRuleTest {

    @ParameterizedTest(name = "{0} ({1}) -> {2}: allowed {3}")
    @CsvSource(nullValues = "-", value = {
            "rejected, -, draft, true",
            "approved, pending, draft, true",
            "approved, failed, draft, true",
            "completed, success, draft, true",
            "draft, -, draft, false",
            "submitted, -, draft, false",
            "approved, failed, submitted, true",
            "approved, pending, submitted, false",
            "completed, success, submitted, false",
            "rejected, -, submitted, false",
            "draft, -, submitted, false",
            "completed, success, approved, false",
            "rejected, -, completed, false"})
    void revertsOnlyWhereTheAdrAllows(String from, String autoCreation, String target, boolean allowed) {
        ReleaseStatus status = ReleaseStatus.fromJsonName(from);
        AutoCreationStatus auto = autoCreation == null ? null : AutoCreationStatus.fromJsonName(autoCreation);

        assertThat(status.revertRefusal(ReleaseStatus.fromJsonName(target), auto).isEmpty()).isEqualTo(allowed);
        status.revertRefusal(ReleaseStatus.fromJsonName(target), auto)
                .ifPresent(refusal -> assertThat(refusal).as("names the status").contains("'" + from + "'"));
    }
}
