package io.catalogingest.support.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * What applying one message came to, for {@link AppliedOnce}: the outcome to record for its request (or none), the
 * events to announce through the outbox (in order), and actions to run once the transaction committed. Actions
 * {@linkplain #andAfterCommit after the commit} run before the events are published (deleting objects the answer
 * says are gone); actions {@linkplain #andAfterAnnounce after the announcement} run once the broker acknowledged the
 * events (kicking a job whose own events must follow them). Neither runs again if the process dies after the commit,
 * so they must be safe to lose (a sweeper or a poll finishes them).
 *
 * @param outcome       recorded in {@code request_outcome} for the message's request; null records nothing. Its event
 *                      must be among {@code events}
 * @param afterCommit   run after the commit, before the events are published
 * @param afterAnnounce run after the events are published and acknowledged
 */
public record Applied(Outcome outcome, List<Announcement> events, List<Runnable> afterCommit,
                      List<Runnable> afterAnnounce) {

    public Applied {
        events = List.copyOf(events);
        afterCommit = List.copyOf(afterCommit);
        afterAnnounce = List.copyOf(afterAnnounce);
        if (outcome != null && events.stream().noneMatch(event -> event.event().id().equals(outcome.event().id()))) {
            throw new IllegalArgumentException("the outcome's event must be announced");
        }
    }

    /** The outcome is recorded for the request and its event announced. */
    public static Applied recorded(Outcome outcome) {
        return new Applied(outcome, List.of(new Announcement(outcome.topic(), outcome.event())), List.of(), List.of());
    }

    /** Nothing is recorded for the request; the events are announced. */
    public static Applied announcing(List<Announcement> events) {
        return new Applied(null, events, List.of(), List.of());
    }

    /** The same, and {@code action} once the transaction committed, before the events are published. */
    public Applied andAfterCommit(Runnable action) {
        List<Runnable> actions = new ArrayList<>(afterCommit);
        actions.add(action);
        return new Applied(outcome, events, actions, afterAnnounce);
    }

    /** The same, and {@code action} once the events are published and acknowledged. */
    public Applied andAfterAnnounce(Runnable action) {
        List<Runnable> actions = new ArrayList<>(afterAnnounce);
        actions.add(action);
        return new Applied(outcome, events, afterCommit, actions);
    }
}
