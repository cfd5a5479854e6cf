package io.catalogingest.ingest.workspace;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Gauges of each workspace's UPC blocks, read from {@code upc_block} every {@code catalog.metrics.upc-interval}:
 * {@code catalog.upc.used} (numbers drawn, every block) and {@code catalog.upc.free} (numbers left in active blocks),
 * tagged {@code tenant}. A workspace without blocks has no series.
 */
@Component
public class UpcBlockUsage {

    private static final Logger log = LoggerFactory.getLogger(UpcBlockUsage.class);

    private final UpcBlockDao blocks;
    private final MultiGauge used;
    private final MultiGauge free;

    UpcBlockUsage(Jdbi jdbi, MeterRegistry meters) {
        this.blocks = jdbi.onDemand(UpcBlockDao.class);
        this.used = MultiGauge.builder("catalog.upc.used").description("UPC numbers drawn from a workspace's blocks")
                .register(meters);
        this.free = MultiGauge.builder("catalog.upc.free")
                .description("UPC numbers left in a workspace's active blocks").register(meters);
    }

    /** Reads the blocks once and replaces the series; the database being down leaves the last figures. */
    public void measure() {
        try {
            List<UpcBlockDao.Usage> usage = blocks.usage();
            used.register(usage.stream().map(row -> MultiGauge.Row.of(Tags.of("tenant", row.tenantId()), row.used()))
                    .toList(), true);
            free.register(usage.stream().map(row -> MultiGauge.Row.of(Tags.of("tenant", row.tenantId()), row.free()))
                    .toList(), true);
        } catch (RuntimeException e) {
            log.debug("Could not read the UPC blocks' usage: {}", e.toString());
        }
    }
}
