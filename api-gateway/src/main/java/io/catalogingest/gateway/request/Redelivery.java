package io.catalogingest.gateway.request;


import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.messaging.StoredRecords;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a command again when the broker did not acknowledge it in time (ADR 0014): the client was told "accepted"
 * (202), so the command must arrive, even if this gateway dies before the broker comes back. The command is kept,
 * encoded as it goes on the wire, in its request row; a re-sender on every replica takes the commands that are due
 * (each one by one replica at a time), sends them, and drops the kept copy once the broker acknowledges one. A command
 * keeps its message id ({@code ce_id} = the request id), so the worker applies it once however many copies arrive.
 * There is no last attempt: an outage delays a command, it does not strand it.
 */
@Component
class Redelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Redelivery.class);

    private final RequestStore requests;
    private final MessagePublisher publisher;
    private final EnvelopeCodec codec;
    private final JsonMapper json;
    private final RedeliveryProperties properties;
    private volatile ScheduledExecutorService schedule;

    Redelivery(RequestStore requests, MessagePublisher publisher, EnvelopeCodec codec, JsonMapper json,
               RedeliveryProperties properties) {
        this.requests = requests;
        this.publisher = publisher;
        this.codec = codec;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Marks the requests of these commands {@code unknown} and keeps the commands for the re-senders. If the database
     * cannot take them either, this replica tries to keep them again every {@code max-delay} while it lives (a
     * gateway that dies during an outage of both the broker and the database loses them: ADR 0014).
     */
    void keep(String topic, List<? extends Envelope<?>> envelopes) {
        try {
            store(topic, envelopes);
        } catch (RuntimeException e) {
            log.warn("Could not keep {} unacknowledged commands; trying again in {}: {}", envelopes.size(),
                    properties.maxDelay(), e.toString());
            ScheduledExecutorService executor = schedule;
            if (executor != null) {
                executor.schedule(() -> keep(topic, envelopes), properties.maxDelay().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void store(String topic, List<? extends Envelope<?>> envelopes) {
        List<UnacknowledgedCommand> commands = new ArrayList<>(envelopes.size());
        for (Envelope<?> envelope : envelopes) {
            WireRecord wire = codec.encode(envelope);
            commands.add(new UnacknowledgedCommand(envelope.requestId(), topic, wire.key(),
                    StoredRecords.headersJson(wire, json), StoredRecords.payloadText(wire), 0));
        }
        requests.keepUnacknowledged(commands, properties.firstDelay());
    }

    /**
     * Sends the commands that are due, once each, and records those the broker acknowledged.
     *
     * @return how many were acknowledged
     */
    int resendDue() {
        List<UnacknowledgedCommand> due = requests.takeDue(properties.batch(), properties.firstDelay(),
                properties.maxDelay());
        if (due.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(due.size());
        for (UnacknowledgedCommand command : due) {
            try {
                sends.add(publisher.send(command.topic(), wire(command)));
            } catch (RuntimeException e) {
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + publisher.sendTimeout().toNanos();
        List<UUID> acknowledged = new ArrayList<>(due.size());
        for (int i = 0; i < due.size(); i++) {
            UnacknowledgedCommand command = due.get(i);
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(command.requestId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                log.info("Request {} not acknowledged on attempt {}; sending it again later: {}", command.requestId(),
                        command.attempts(), e.getCause() == null ? e.toString() : e.getCause().toString());
            }
        }
        requests.acknowledged(acknowledged);
        if (!acknowledged.isEmpty()) {
            log.info("Sent again {} of {} commands the broker had not acknowledged", acknowledged.size(), due.size());
        }
        return acknowledged.size();
    }

    private void resendAll() {
        try {
            while (resendDue() == properties.batch()) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            log.info("Could not send unacknowledged commands again; trying in {}: {}", properties.interval(),
                    e.toString());
        }
    }

    private WireRecord wire(UnacknowledgedCommand command) {
        return StoredRecords.wire(command.key(), command.headers(), command.payload(), json);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-redelivery");
            thread.setDaemon(true);
            return thread;
        });
        if (properties.enabled()) {
            long interval = properties.interval().toMillis();
            executor.scheduleWithFixedDelay(this::resendAll, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            log.warn("This gateway does not send unacknowledged commands again (catalog.gateway.redelivery.enabled)");
        }
        schedule = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = schedule;
        schedule = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
