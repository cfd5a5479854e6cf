package io.catalogingest.common.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What moves a release between {@link ReleaseStatus}es. JSON names are lowercase ({@code approve}, ...). */
public enum ReleaseAction {
    SUBMIT("submitted", ReleaseStatus.SUBMITTED, ReleaseStatus.DRAFT, ReleaseStatus.REJECTED),
    APPROVE("approved", ReleaseStatus.APPROVED, ReleaseStatus.SUBMITTED),
    REJECT("rejected", ReleaseStatus.REJECTED, ReleaseStatus.SUBMITTED),
    /** Auto-creation of the approved release's product succeeded. */
    COMPLETE("completed", ReleaseStatus.COMPLETED, ReleaseStatus.APPROVED);

    private final String pastParticiple;
    private final ReleaseStatus target;
    private final Set<ReleaseStatus> allowedFrom;

    ReleaseAction(String pastParticiple, ReleaseStatus target, ReleaseStatus first, ReleaseStatus... rest) {
        this.pastParticiple = pastParticiple;
        this.target = target;
        this.allowedFrom = Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** The status a release has after this action. */
    public ReleaseStatus target() {
        return target;
    }

    /** The statuses this action is allowed in. */
    public Set<ReleaseStatus> allowedFrom() {
        return allowedFrom;
    }

    String pastParticiple() {
        return pastParticiple;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The action named {@code jsonName} (lowercase).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static ReleaseAction fromJsonName(String jsonName) {
        return Arrays.stream(values())
                .filter(action -> action.jsonName().equals(jsonName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "action must be one of submit, approve, reject, complete, got '" + jsonName + "'"));
    }
}
