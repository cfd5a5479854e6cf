package io.catalogingest.gateway.request;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Remembers that the broker is not taking commands, so that while it is down new commands are answered 503 at once
 * (nothing registered, nothing sent) instead of each waiting out the producer's delivery timeout. While open, one
 * command per {@code catalog.gateway.broker-probe-interval} is let through as a probe; the first one acknowledged
 * closes it.
 */
@Component
class BrokerCircuit {

    private static final Logger log = LoggerFactory.getLogger(BrokerCircuit.class);
    private static final long CLOSED = 0;

    private final long probeIntervalNanos;
    private final AtomicLong openedAt = new AtomicLong(CLOSED);
    private final AtomicLong nextProbe = new AtomicLong();

    BrokerCircuit(@Value("${catalog.gateway.broker-probe-interval:2s}") Duration probeInterval) {
        this.probeIntervalNanos = probeInterval.toNanos();
    }

    /** Whether a command may be offered to the broker now. */
    boolean allows() {
        if (openedAt.get() == CLOSED) {
            return true;
        }
        long now = System.nanoTime();
        long probe = nextProbe.get();
        return now - probe >= 0 && nextProbe.compareAndSet(probe, now + probeIntervalNanos);
    }

    void succeeded() {
        if (openedAt.getAndSet(CLOSED) != CLOSED) {
            log.info("The broker takes commands again");
        }
    }

    void failed() {
        long now = System.nanoTime();
        nextProbe.set(now + probeIntervalNanos);
        if (openedAt.compareAndSet(CLOSED, now == CLOSED ? 1 : now)) {
            log.warn("The broker does not take commands; answering 503 until a probe gets through");
        }
    }
}
