package io.catalogingest.support.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * What applying one message came to, for {@link AppliedOnce}: the outcome to record for its request (or none), the
 * events to announce through the outbox (in order), and actions to run once the transaction committed (deleting
 * objects, kicking a background job). After-commit actions run before the events are published; they are not run
 * again if the process dies after the commit, so they must be safe to lose (a sweeper or a poll finishes them).
 *
 * @param outcome  recorded in {@code request_outcome} for the message's request; null records nothing
 */
public record Applied(Outcome outcome, List<Announcement> events, List<Runnable> afterCommit) {

    public Applied {
        events = List.copyOf(events);
        afterCommit = List.copyOf(afterCommit);
    }

    /** The outcome is recorded for the request and its event announced. */
    public static Applied recorded(Outcome outcome) {
        return new Applied(outcome, List.of(new Announcement(outcome.topic(), outcome.event())), List.of());
    }

    /** Nothing is recorded for the request; the events are announced. */
    public static Applied announcing(List<Announcement> events) {
        return new Applied(null, events, List.of());
    }

    /** The same, and {@code action} once the transaction committed. */
    public Applied andAfterCommit(Runnable action) {
        List<Runnable> actions = new ArrayList<>(afterCommit);
        actions.add(action);
        return new Applied(outcome, events, actions);
    }
}
