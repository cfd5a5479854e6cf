package io.catalogingest.ingest.housekeeping;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The tables pruned, in order, and their statement. */
    private record Prune(String table, Statement statement) {
    }

    private interface Statement {
        int delete(HousekeepingDao dao, Instant cutoff, int batch);
    }

    // requests go before their outcomes: a request without an outcome may be one still on its way
    private static final List<Prune> PRUNE = List.of(
            new Prune("request", HousekeepingDao::pruneRequests),
            new Prune("request_outcome", HousekeepingDao::pruneOutcomes),
            new Prune("processed_message", HousekeepingDao::pruneProcessedMessages));

    private final HousekeepingDao dao;
    private final HousekeepingProperties properties;
    private final MeterRegistry meters;

    Housekeeping(Jdbi jdbi, HousekeepingProperties properties, MeterRegistry meters) {
        this.dao = jdbi.onDemand(HousekeepingDao.class);
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
        for (Prune table : PRUNE) {
            long total = 0;
            int deleted;
            do {
                deleted = table.statement().delete(dao, cutoff, properties.batch());
                total += deleted;
            } while (deleted == properties.batch());
            Counter.builder("catalog.housekeeping.pruned")
                    .description("idempotency records deleted after the retention")
                    .tag("table", table.table())
                    .register(meters)
                    .increment(total);
            pruned.put(table.table(), total);
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
