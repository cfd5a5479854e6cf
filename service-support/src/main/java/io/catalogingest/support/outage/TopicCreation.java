package io.catalogingest.support.outage;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the pipeline's topics once the broker answers. {@link KafkaAdmin} tries once while the context starts
 * ({@code spring.kafka.admin.fail-fast: false}, so a broker that is down does not stop the service); when that did
 * not succeed, this keeps trying in the background, with backoff, until it does.
 */
final class TopicCreation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicCreation.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final KafkaAdmin admin;
    private volatile boolean created;
    private volatile boolean running;
    private volatile Thread thread;

    TopicCreation(KafkaAdmin admin) {
        this.admin = admin;
    }

    boolean created() {
        return created;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::createUntilDone, "topic-creation");
        thread.setDaemon(true);
        thread.start();
    }

    private void createUntilDone() {
        Duration delay = FIRST_RETRY;
        while (running && !created) {
            try {
                created = admin.initialize();
            } catch (RuntimeException e) {
                log.debug("Topic creation failed: {}", e.toString());
            }
            if (created) {
                return;
            }
            log.warn("The broker is unavailable; topics not created yet, next attempt in {}", delay);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
