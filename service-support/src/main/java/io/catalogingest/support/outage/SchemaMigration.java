package io.catalogingest.support.outage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Applies the Flyway migrations at startup without making the database a condition of starting (ADR 0008): when
 * the database cannot be reached, the service starts anyway, reports readiness DOWN ({@code schema}), and retries
 * the migration in the background with backoff until it succeeds. A migration that fails for any other reason (a
 * broken script, a checksum mismatch) still stops the service: that needs a person, not a retry.
 */
final class SchemaMigration implements FlywayMigrationStrategy, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "schema-migration");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean migrated;
    private volatile String lastFailure = "not attempted yet";

    @Override
    public void migrate(Flyway flyway) {
        try {
            flyway.migrate();
            migrated = true;
        } catch (FlywayException e) {
            if (!Outages.isDatabaseOutage(e)) {
                throw e;
            }
            lastFailure = e.getMessage();
            log.warn("The database is unavailable at startup; starting anyway and migrating once it is back ({})",
                    e.getMessage());
            schedule(flyway, FIRST_RETRY);
        }
    }

    /** Whether the schema is migrated, i.e. the service can use the database once it answers. */
    boolean migrated() {
        return migrated;
    }

    String lastFailure() {
        return lastFailure;
    }

    private void schedule(Flyway flyway, Duration delay) {
        retries.schedule(() -> {
            try {
                flyway.migrate();
                migrated = true;
                log.info("The database is back: migrations applied");
            } catch (RuntimeException e) {
                lastFailure = e.getMessage();
                Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
                log.warn("Migrations still not applied, next attempt in {}: {}", next, e.getMessage());
                schedule(flyway, next);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
