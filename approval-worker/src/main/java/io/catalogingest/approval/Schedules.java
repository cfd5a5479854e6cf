package io.catalogingest.approval;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.catalogingest.approval.orphans.OrphanProperties;
import io.catalogingest.approval.orphans.OrphanSweeper;
import io.catalogingest.approval.progress.ApprovalDriver;
import io.catalogingest.approval.progress.ApprovalProperties;

/**
 * The worker's periodic jobs, each on its own thread: the poll for unfinished approvals (shortly after startup,
 * then every {@code catalog.approval.poll-interval}) and the orphan sweep ({@code catalog.orphans.interval}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Schedules implements SchedulingConfigurer, DisposableBean {

    private static final Duration FIRST_POLL = Duration.ofSeconds(1);

    private final ApprovalDriver driver;
    private final ApprovalProperties approval;
    private final OrphanSweeper orphans;
    private final OrphanProperties orphanProperties;
    private final ScheduledExecutorService threads;

    Schedules(ApprovalDriver driver, ApprovalProperties approval, OrphanSweeper orphans,
              OrphanProperties orphanProperties) {
        this.driver = driver;
        this.approval = approval;
        this.orphans = orphans;
        this.orphanProperties = orphanProperties;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "approval-schedule-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.setScheduler(threads);
        registrar.addFixedDelayTask(new FixedDelayTask(driver::poll, approval.pollInterval(), FIRST_POLL));
        if (orphanProperties.enabled()) {
            registrar.addFixedDelayTask(new FixedDelayTask(orphans::scheduled, orphanProperties.interval(),
                    orphanProperties.interval()));
        }
    }
}
