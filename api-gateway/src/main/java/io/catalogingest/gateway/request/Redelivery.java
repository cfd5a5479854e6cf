package io.catalogingest.gateway.request;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.messaging.MessagePublisher.Delivery;

/**
 * Sends a command again, in the background, when the broker did not acknowledge it in time: the client was told
 * "accepted" (202), so the command must arrive. It keeps its message id ({@code ce_id} = the request id), so the
 * worker applies it once however many copies arrive (ADR 0008). Stops once the broker acknowledges a copy, or after
 * {@link #ATTEMPTS} attempts (then a retry of the client with its Idempotency-Key sends it again).
 */
@Component
class Redelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Redelivery.class);
    static final int ATTEMPTS = 40;
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(15);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "command-redelivery");
        thread.setDaemon(true);
        return thread;
    });
    private final MessagePublisher publisher;
    private final RequestStore requests;

    Redelivery(MessagePublisher publisher, RequestStore requests) {
        this.publisher = publisher;
        this.requests = requests;
    }

    void keepSending(String topic, Envelope<?> envelope) {
        schedule(topic, envelope, 1, FIRST);
    }

    private void schedule(String topic, Envelope<?> envelope, int attempt, Duration delay) {
        scheduler.schedule(() -> {
            UUID requestId = envelope.requestId();
            MessagePublisher.Offer offer = publisher.offer(topic, envelope);
            if (offer.delivery() == Delivery.SENT) {
                log.info("Request {} delivered on attempt {} after the broker came back", requestId, attempt);
                try {
                    requests.published(List.of(requestId), AcceptedRequest.SENT);
                } catch (RuntimeException e) {
                    log.info("Could not record the delivery of request {}: {}", requestId, e.toString());
                }
            } else if (attempt < ATTEMPTS) {
                Duration next = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
                schedule(topic, envelope, attempt + 1, next);
            } else {
                log.warn("Gave up redelivering request {} after {} attempts: {}", requestId, attempt,
                        offer.failure() == null ? "" : offer.failure().getMessage());
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
