package io.catalogingest.support.persistence;


import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;

import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.messaging.PublishFailedException;
import io.catalogingest.support.messaging.StoredRecords;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes what the outbox still holds: events whose writer died between commit and publish, or whose broker did
 * not acknowledge them. Every {@code catalog.outbox.relay.interval} it locks the oldest rows older than
 * {@code min-age} ({@code FOR UPDATE SKIP LOCKED}: relays of several replicas share the work and never hold the same
 * row), sends their events in row order (a row holds a transaction's events, in order), waits for the broker, and
 * deletes them in the same transaction. A relay that dies
 * mid-way rolls back, and the rows are published again (at least once). The backlog is the gauge
 * {@code catalog.outbox.backlog}. Workers import this class; {@code catalog.outbox.relay.enabled=false} turns it off.
 */
@ConditionalOnProperty(name = "catalog.outbox.relay.enabled", havingValue = "true", matchIfMissing = true)
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Jdbi jdbi;
    private final MessagePublisher publisher;
    private final JsonMapper json;
    private final OutboxProperties.Relay properties;
    private final AtomicLong backlog = new AtomicLong();
    private volatile ScheduledExecutorService schedule;

    public OutboxRelay(Jdbi jdbi, MessagePublisher publisher, JsonMapper json, OutboxProperties properties,
                       ObjectProvider<MeterRegistry> meters) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.json = json;
        this.properties = properties.relay();
        meters.ifAvailable(registry -> Gauge.builder("catalog.outbox.backlog", backlog, AtomicLong::get)
                .description("events written to the outbox and not yet acknowledged by Kafka")
                .register(registry));
    }

    /**
     * Publishes one batch of old enough rows (each the events of one transaction, sent in order) and deletes them.
     *
     * @return how many rows were published
     * @throws PublishFailedException when the broker did not acknowledge them (they stay)
     */
    public int relayOnce() {
        return jdbi.inTransaction(handle -> {
            OutboxDao outbox = handle.attach(OutboxDao.class);
            List<OutboxDao.PendingRow> rows = outbox.lockPending(properties.minAge().toMillis() / 1000.0,
                    properties.batch());
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (OutboxDao.PendingRow row : rows) {
                for (int i = 0; i < row.topics().length; i++) {
                    sends.add(publisher.send(row.topics()[i], StoredRecords.wire(row.messageKeys()[i],
                            row.headers()[i], row.payloads()[i], json)));
                }
            }
            new Delivery(sends, publisher.sendTimeout()).await();
            outbox.delete(rows.stream().map(OutboxDao.PendingRow::id).toArray(Long[]::new));
            log.info("Relayed {} events left in the outbox (rows {}..{})", sends.size(), rows.get(0).id(),
                    rows.get(rows.size() - 1).id());
            return rows.size();
        });
    }

    /** The rows in the outbox, as last counted (also the gauge {@code catalog.outbox.backlog}). */
    public long backlog() {
        return backlog.get();
    }

    /** Publishes everything old enough, batch after batch, then counts the backlog; failures are logged. */
    void relayAll() {
        try {
            while (relayOnce() == properties.batch()) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            log.warn("Outbox relay could not publish; trying again in {}: {}", properties.interval(), e.toString());
        }
        try {
            backlog.set(jdbi.withHandle(handle -> handle.attach(OutboxDao.class).backlog()));
        } catch (RuntimeException e) {
            log.debug("Could not count the outbox: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.interval().toMillis();
        executor.scheduleWithFixedDelay(this::relayAll, interval, interval, TimeUnit.MILLISECONDS);
        schedule = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = schedule;
        schedule = null;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
