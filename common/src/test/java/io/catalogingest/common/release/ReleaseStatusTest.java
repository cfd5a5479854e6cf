package io.catalogingest.common.release;

import static io.catalogingest.common.release.ReleaseStatus.APPROVED;
import static io.catalogingest.common.release.ReleaseStatus.COMPLETED;
import static io.catalogingest.common.release.ReleaseStatus.DRAFT;
import static io.catalogingest.common.release.ReleaseStatus.REJECTED;
import static io.catalogingest.common.release.ReleaseStatus.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class ReleaseStatusTest {

    /** DESIGN §4: draft → submitted → approved → completed; submitted → rejected; rejected → submitted. */
    private static final Map<ReleaseStatus, Set<ReleaseStatus>> ALLOWED = Map.of(
            DRAFT, EnumSet.of(SUBMITTED),
            SUBMITTED, EnumSet.of(APPROVED, REJECTED),
            APPROVED, EnumSet.of(COMPLETED),
            REJECTED, EnumSet.of(SUBMITTED),
            COMPLETED, EnumSet.noneOf(ReleaseStatus.class));

    static Stream<Arguments> everyPairOfStatuses() {
        return Stream.of(ReleaseStatus.values())
                .flatMap(from -> Stream.of(ReleaseStatus.values()).map(to -> Arguments.of(from, to)));
    }

    static Stream<Arguments> everyStatusAndAction() {
        return Stream.of(ReleaseStatus.values())
                .flatMap(from -> Stream.of(ReleaseAction.values()).map(action -> Arguments.of(from, action)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyPairOfStatuses")
    void allowsExactlyTheDesignedTransitions(ReleaseStatus from, ReleaseStatus to) {
        assertThat(from.canTransitionTo(to)).isEqualTo(ALLOWED.get(from).contains(to));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStatusAndAction")
    void actionsMoveToTheirTargetOrExplainWhyNot(ReleaseStatus from, ReleaseAction action) {
        if (ALLOWED.get(from).contains(action.target())) {
            assertThat(from.refusalOf(action)).isEmpty();
            assertThat(from.transition(action)).isEqualTo(action.target());
        } else {
            assertThat(from.refusalOf(action)).hasValueSatisfying(reason ->
                    assertThat(reason).startsWith("Release is '" + from.jsonName() + "'; it can only be "));
            assertThatThrownBy(() -> from.transition(action))
                    .isInstanceOfSatisfying(IllegalReleaseTransitionException.class, e -> {
                        assertThat(e.current()).isEqualTo(from);
                        assertThat(e.action()).isEqualTo(action);
                        assertThat(e).hasMessage(from.refusalOf(action).orElseThrow());
                    });
        }
    }

    @ParameterizedTest(name = "{0} + {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "APPROVED  | SUBMIT   | Release is 'approved'; it can only be submitted from 'draft' or 'rejected'",
            "DRAFT     | APPROVE  | Release is 'draft'; it can only be approved from 'submitted'",
            "REJECTED  | REJECT   | Release is 'rejected'; it can only be rejected from 'submitted'",
            "SUBMITTED | COMPLETE | Release is 'submitted'; it can only be completed from 'approved'"
    })
    void refusalsNameTheCurrentStatus(ReleaseStatus from, ReleaseAction action, String reason) {
        assertThat(from.refusalOf(action)).hasValue(reason);
    }

    @ParameterizedTest
    @EnumSource(ReleaseStatus.class)
    void mediaChangesOnlyInDraftOrRejected(ReleaseStatus status) {
        boolean open = status == DRAFT || status == REJECTED;

        assertThat(status.acceptsMediaChanges()).isEqualTo(open);
        if (open) {
            assertThat(status.mediaChangeRefusal()).isEmpty();
        } else {
            assertThat(status.mediaChangeRefusal()).hasValue(
                    "Release is '" + status.jsonName() + "'; media can only be changed in 'draft' or 'rejected'");
        }
    }

    @ParameterizedTest
    @EnumSource(ReleaseStatus.class)
    void submitOnlyFromDraftOrRejected(ReleaseStatus status) {
        assertThat(status.canSubmit()).isEqualTo(status == DRAFT || status == REJECTED);
    }

    @Test
    void mediaChangeRefusalForSubmitted() {
        assertThat(SUBMITTED.mediaChangeRefusal())
                .hasValue("Release is 'submitted'; media can only be changed in 'draft' or 'rejected'");
    }

    @ParameterizedTest
    @EnumSource(ReleaseStatus.class)
    void editedOnlyInDraftOrRejectedAndTheRefusalNamesTheStatus(ReleaseStatus status) {
        if (status == DRAFT || status == REJECTED) {
            assertThat(status.editRefusal()).isEmpty();
        } else {
            assertThat(status.editRefusal()).hasValue("Release is '" + status.jsonName()
                    + "'; it can only be edited in 'draft' or 'rejected'");
        }
    }

    @ParameterizedTest
    @EnumSource(ReleaseStatus.class)
    void deletedOnlyAsADraft(ReleaseStatus status) {
        assertThat(status.deleteRefusal().isEmpty()).isEqualTo(status == DRAFT);
        status.deleteRefusal().ifPresent(refusal -> assertThat(refusal).contains("'" + status.jsonName() + "'"));
    }

    @ParameterizedTest(name = "{0} is \"{1}\"")
    @CsvSource({"DRAFT, draft", "SUBMITTED, submitted", "APPROVED, approved", "REJECTED, rejected",
            "COMPLETED, completed"})
    void jsonNamesAreLowercase(ReleaseStatus status, String jsonName) {
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.writeValueAsString(status)).isEqualTo("\"" + jsonName + "\"");
        assertThat(json.readValue("\"" + jsonName + "\"", ReleaseStatus.class)).isEqualTo(status);
    }

    @Test
    void underReviewIsNotAStatusHere() {
        assertThatIllegalArgumentException().isThrownBy(() -> ReleaseStatus.fromJsonName("under_review"))
                .withMessageContaining("draft, submitted, approved, rejected, completed");
    }
}
