package io.catalogingest.common.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a release is in its review: {@code draft → submitted → approved → completed},
 * {@code submitted → rejected → submitted}. JSON names are lowercase.
 *
 * <p>A failed auto-creation leaves the release {@code approved} (see {@link AutoCreationStatus}). An admin may move a
 * release back ({@link #revertRefusal}): to {@code draft} from {@code rejected}, {@code approved} or {@code completed},
 * to {@code submitted} from {@code approved} with a failed auto-creation.
 */
public enum ReleaseStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    REJECTED,
    COMPLETED;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status named {@code jsonName} (lowercase).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static ReleaseStatus fromJsonName(String jsonName) {
        return Arrays.stream(values())
                .filter(status -> status.jsonName().equals(jsonName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("status must be one of "
                        + Arrays.stream(values()).map(ReleaseStatus::jsonName).collect(Collectors.joining(", "))
                        + ", got '" + jsonName + "'"));
    }

    /** Whether some action moves a release from this status to {@code target}. */
    public boolean canTransitionTo(ReleaseStatus target) {
        return Arrays.stream(ReleaseAction.values())
                .anyMatch(action -> action.target() == target && action.allowedFrom().contains(this));
    }

    /** Why {@code action} is not allowed in this status, or empty if it is. */
    public Optional<String> refusalOf(ReleaseAction action) {
        if (action.allowedFrom().contains(this)) {
            return Optional.empty();
        }
        return Optional.of("Release is '" + jsonName() + "'; it can only be " + action.pastParticiple()
                + " from " + quoted(action.allowedFrom().toArray(ReleaseStatus[]::new)));
    }

    /**
     * The status after {@code action}.
     *
     * @throws IllegalReleaseTransitionException if the action is not allowed in this status
     */
    public ReleaseStatus transition(ReleaseAction action) {
        refusalOf(action).ifPresent(reason -> {
            throw new IllegalReleaseTransitionException(this, action, reason);
        });
        return action.target();
    }

    /** Whether media (and tracks) may be added or deleted: only in {@code draft} or {@code rejected}. */
    public boolean acceptsMediaChanges() {
        return this == DRAFT || this == REJECTED;
    }

    /** Why media cannot be changed in this status, or empty if it can. */
    public Optional<String> mediaChangeRefusal() {
        if (acceptsMediaChanges()) {
            return Optional.empty();
        }
        return Optional.of("Release is '" + jsonName() + "'; media can only be changed in " + quoted(DRAFT, REJECTED));
    }

    /** Why the release's fields and tracks cannot be edited in this status (only {@code draft} or {@code rejected}). */
    public Optional<String> editRefusal() {
        if (acceptsMediaChanges()) {
            return Optional.empty();
        }
        return Optional.of("Release is '" + jsonName() + "'; it can only be edited in " + quoted(DRAFT, REJECTED));
    }

    /** Why the release cannot be deleted in this status (only a {@code draft} can). */
    public Optional<String> deleteRefusal() {
        if (this == DRAFT) {
            return Optional.empty();
        }
        return Optional.of("Release is '" + jsonName() + "'; only a 'draft' can be deleted");
    }

    /**
     * Why an admin cannot revert the release from this status to {@code target}, or empty if they can (ADR 0021,
     * Royalti's T9/T10): to {@code draft} from {@code rejected}, {@code approved} or {@code completed}; to
     * {@code submitted} only from {@code approved} with a failed auto-creation. Nothing else is a revert.
     *
     * @param autoCreation the release's auto-creation status, null when it has none
     */
    public Optional<String> revertRefusal(ReleaseStatus target, AutoCreationStatus autoCreation) {
        if (target == DRAFT) {
            return this == REJECTED || this == APPROVED || this == COMPLETED ? Optional.empty()
                    : Optional.of("Release is '" + jsonName() + "'; it can only be reverted to 'draft' from "
                            + quoted(REJECTED, APPROVED, COMPLETED));
        }
        if (target == SUBMITTED) {
            return this == APPROVED && autoCreation == AutoCreationStatus.FAILED ? Optional.empty()
                    : Optional.of("Release is '" + jsonName() + "'" + (autoCreation == null ? ""
                            : " with autoCreationStatus '" + autoCreation.jsonName() + "'")
                            + "; it can only be reverted to 'submitted' when 'approved' and its auto-creation 'failed'");
        }
        return Optional.of("Release is '" + jsonName() + "'; it can only be reverted to 'draft' or 'submitted', not '"
                + (target == null ? "" : target.jsonName()) + "'");
    }

    /** Whether the release may be submitted for review: from {@code draft} or {@code rejected}. */
    public boolean canSubmit() {
        return refusalOf(ReleaseAction.SUBMIT).isEmpty();
    }

    private static String quoted(ReleaseStatus... statuses) {
        return Arrays.stream(statuses).map(status -> "'" + status.jsonName() + "'").collect(Collectors.joining(" or "));
    }
}
