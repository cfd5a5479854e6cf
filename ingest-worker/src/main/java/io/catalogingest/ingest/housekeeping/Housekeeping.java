package io.catalogingest.ingest.housekeeping;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Prunes what the idempotency guarantees need only for a while (docs/architecture.md "Idempotent consumers"):
 * message ids a consumer applied ({@code processed_message}), outcomes of requests ({@code request_outcome}) and the
 * gateway's requests with their idempotency keys ({@code request}), once older than
 * {@code catalog.housekeeping.retention}. Oldest first, {@code batch} rows per statement, each its own short
 * transaction. A request whose command may still arrive — no outcome while its publication is {@code pending} or
 * {@code unknown}, or while it names an upload the orphan sweeper must keep — stays. The outbox is not pruned: its
 * rows are events not yet acknowledged, and the relay sends them. Counts: {@code catalog.housekeeping.pruned}
 * tagged {@code table}.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private static final Map<String, String> PRUNE = new LinkedHashMap<>();

    static {
        PRUNE.put("request", """
                delete from request where ctid in (
                    select r.ctid from request r
                    where r.created_at < :cutoff
                      and (exists (select 1 from request_outcome o where o.request_id = r.request_id)
                           or (r.publication = 'sent' and r.object_key is null))
                    order by r.created_at limit :batch)""");
        PRUNE.put("request_outcome", """
                delete from request_outcome where ctid in (
                    select ctid from request_outcome where completed_at < :cutoff
                    order by completed_at limit :batch)""");
        PRUNE.put("processed_message", """
                delete from processed_message where ctid in (
                    select ctid from processed_message where processed_at < :cutoff
                    order by processed_at limit :batch)""");
    }

    private final Jdbi jdbi;
    private final HousekeepingProperties properties;
    private final MeterRegistry meters;

    Housekeeping(Jdbi jdbi, HousekeepingProperties properties, MeterRegistry meters) {
        this.jdbi = jdbi;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Deletes every row older than the retention, batch after batch.
     *
     * @return rows deleted per table
     */
    public Map<String, Long> prune() {
        Instant cutoff = Instant.now().minus(properties.retention());
        Map<String, Long> pruned = new LinkedHashMap<>();
        // requests go before their outcomes: a request without an outcome may be one still on its way (see PRUNE)
        for (Map.Entry<String, String> table : PRUNE.entrySet()) {
            long total = 0;
            int deleted;
            do {
                deleted = jdbi.withHandle(handle -> handle.createUpdate(table.getValue())
                        .bind("cutoff", cutoff).bind("batch", properties.batch()).execute());
                total += deleted;
            } while (deleted == properties.batch());
            Counter.builder("catalog.housekeeping.pruned")
                    .description("idempotency records deleted after the retention")
                    .tag("table", table.getKey())
                    .register(meters)
                    .increment(total);
            pruned.put(table.getKey(), total);
        }
        log.info("Housekeeping: pruned rows older than {} ({}): {}", properties.retention(), cutoff, pruned);
        return pruned;
    }

    /** The scheduled run: failures (the database is down) are logged and tried again next time. */
    public void scheduled() {
        try {
            prune();
        } catch (RuntimeException e) {
            log.warn("Housekeeping could not prune; trying again in {}: {}", properties.interval(), e.toString());
        }
    }
}
