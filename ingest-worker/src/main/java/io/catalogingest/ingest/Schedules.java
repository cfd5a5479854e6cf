package io.catalogingest.ingest;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.catalogingest.ingest.housekeeping.Housekeeping;
import io.catalogingest.ingest.housekeeping.HousekeepingProperties;
import io.catalogingest.ingest.workspace.UpcBlockUsage;

/**
 * The worker's periodic jobs, on one thread of their own: housekeeping ({@code catalog.housekeeping.interval}, the
 * first run a minute after startup) and the UPC usage gauges ({@code catalog.metrics.upc-interval}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Schedules implements SchedulingConfigurer, DisposableBean {

    private static final Duration FIRST_HOUSEKEEPING = Duration.ofMinutes(1);

    private final Housekeeping housekeeping;
    private final HousekeepingProperties housekeepingProperties;
    private final UpcBlockUsage upcUsage;
    private final Duration upcInterval;
    private final ScheduledExecutorService thread;

    Schedules(Housekeeping housekeeping, HousekeepingProperties housekeepingProperties, UpcBlockUsage upcUsage,
              @Value("${catalog.metrics.upc-interval:30s}") Duration upcInterval) {
        this.housekeeping = housekeeping;
        this.housekeepingProperties = housekeepingProperties;
        this.upcUsage = upcUsage;
        this.upcInterval = upcInterval;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread scheduled = new Thread(runnable, "ingest-schedule");
            scheduled.setDaemon(true);
            return scheduled;
        });
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.setScheduler(thread);
        registrar.addFixedDelayTask(new FixedDelayTask(upcUsage::measure, upcInterval, Duration.ZERO));
        if (housekeepingProperties.enabled()) {
            registrar.addFixedDelayTask(new FixedDelayTask(housekeeping::scheduled, housekeepingProperties.interval(),
                    FIRST_HOUSEKEEPING));
        }
    }
}
