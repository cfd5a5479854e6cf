package io.catalogingest.support.dispatch;

/**
 * A feature's share of a worker's message handlers: it registers the message types it applies, on their topics, and
 * how (one at a time, in runs, or in chunks sent ahead). Features' services implement it; each listener builds its
 * topic's {@link TopicApplier} from all of them ({@link HandlerRegistry#of}), so a listener names no feature.
 */
@FunctionalInterface
public interface MessageHandlers {

    void registerOn(HandlerRegistry registry);
}
