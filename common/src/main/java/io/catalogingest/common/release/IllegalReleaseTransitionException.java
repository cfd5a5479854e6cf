package io.catalogingest.common.release;

/** An action that the release's current status does not allow; the message names the status. */
public final class IllegalReleaseTransitionException extends IllegalStateException {

    private final ReleaseStatus current;
    private final ReleaseAction action;

    public IllegalReleaseTransitionException(ReleaseStatus current, ReleaseAction action, String message) {
        super(message);
        this.current = current;
        this.action = action;
    }

    public ReleaseStatus current() {
        return current;
    }

    public ReleaseAction action() {
        return action;
    }
}
