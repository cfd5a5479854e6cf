package io.catalogingest.approval.progress;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.catalogingest.approval.autocreation.ReleaseCompletion;
import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.approval.lease.LeaseLostException;
import io.catalogingest.approval.promotion.MediaPromotion;
import io.catalogingest.approval.promotion.PromotionFailedException;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.promotion.CreateProductFromRelease;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.support.persistence.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Drives an approved release to the end: promotes its media, then sends CreateProductFromRelease (the answer,
 * handled by {@link io.catalogingest.approval.autocreation.AutoCreationListener}, completes the release).
 *
 * <p>The work is durable in Postgres ({@code release_approval}, {@code media_promotion}), not in a Kafka offset: the
 * review listener commits as soon as the approval is applied and {@link #kick kicks} the release; a worker holds a
 * release by a lease while it drives it; a poll picks up whatever nobody holds — a release whose worker stopped or
 * crashed (its lease ran out), one waiting for a retry after a transient failure, or one whose command got no answer
 * within {@code resendAfter}. Every step can be repeated without harm, so a worker can be stopped at any moment.
 */
@Component
public class ApprovalDriver implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ApprovalDriver.class);
    private static final String SOURCE = "/approval-worker";

    private final ApprovalDao store;
    private final MediaPromotion promotion;
    private final ReleaseCompletion completion;
    private final Outbox outbox;
    private final ApprovalProperties properties;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Set<UUID> driving = ConcurrentHashMap.newKeySet();
    private final ExecutorService releases;
    private final Counter leasesLost;

    ApprovalDriver(Jdbi jdbi, MediaPromotion promotion, ReleaseCompletion completion, Outbox outbox,
                   ApprovalProperties properties, MeterRegistry meters) {
        this.leasesLost = Counter.builder("catalog.approval.leases.lost")
                .description("drives of a release stopped because another driver took over its lease")
                .register(meters);
        this.store = jdbi.onDemand(ApprovalDao.class);
        this.promotion = promotion;
        this.completion = completion;
        this.outbox = outbox;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.releases = Executors.newFixedThreadPool(properties.concurrentReleases(), runnable -> {
            Thread thread = new Thread(runnable, "approval-driver-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Drives the release soon, in the background, unless this worker is already driving it. */
    public void kick(UUID releaseId) {
        if (!driving.add(releaseId)) {
            return;
        }
        try {
            releases.execute(() -> {
                try {
                    drive(releaseId);
                } finally {
                    driving.remove(releaseId);
                }
            });
        } catch (RejectedExecutionException e) {
            driving.remove(releaseId);
            log.debug("Not driving release {}: the worker is stopping", releaseId);
        }
    }

    /** Picks up the approvals nobody drives. */
    public void poll() {
        try {
            store.due(properties.pollBatch()).forEach(this::kick);
        } catch (RuntimeException e) {
            log.warn("Could not look for unfinished approvals: {}", e.toString());
        }
    }

    private void drive(UUID releaseId) {
        Optional<ApprovalDao.Approval> leased = store.lease(releaseId, owner, properties.lease());
        if (leased.isEmpty()) {
            return;
        }
        ApprovalDao.Approval approval = leased.get();
        DriverLease lease = approval.lease();
        try {
            if (approval.stage() == ApprovalStage.PROMOTING) {
                promotion.promote(approval.tenantId(), releaseId, approval.requestId(), lease,
                        () -> store.renew(lease, properties.lease()));
                store.promoted(lease);
            }
            store.requireHeld(lease);
            sendCommand(approval);
            store.commandSent(lease, properties.resendAfter());
        } catch (LeaseLostException e) {
            leasesLost.increment();
            log.warn("Stopped driving release {} of tenant {}: its lease (epoch {}) was taken over by another "
                    + "driver; this driver wrote nothing more", releaseId, approval.tenantId(), lease.epoch());
        } catch (PromotionFailedException e) {
            log.warn("Promotion of release {} of tenant {} failed: {}", releaseId, approval.tenantId(),
                    e.getMessage());
            try {
                completion.fail(lease, approval.tenantId(), releaseId, approval.requestId(), "promotion",
                        e.getMessage(), List.of());
            } catch (LeaseLostException lost) {
                leasesLost.increment();
                log.warn("Not recording the failed promotion of release {}: its lease (epoch {}) was taken over",
                        releaseId, lease.epoch());
            } catch (RuntimeException again) {
                log.warn("Could not record the failed promotion of release {}; trying again later: {}", releaseId,
                        again.toString());
                retryLater(lease, properties.retryDelay(approval.attempts()), e.getMessage());
            }
        } catch (RuntimeException e) {
            Duration delay = properties.retryDelay(approval.attempts());
            log.warn("Release {} of tenant {} is not finished (attempt {}), trying again in {}: {}", releaseId,
                    approval.tenantId(), approval.attempts() + 1, delay, e.getMessage());
            retryLater(lease, delay, e.getMessage());
        }
    }

    private void retryLater(DriverLease lease, Duration delay, String error) {
        try {
            store.retryLater(lease, delay, error);
        } catch (LeaseLostException lost) {
            leasesLost.increment();
            log.warn("Not scheduling a retry of release {}: its lease (epoch {}) was taken over", lease.releaseId(),
                    lease.epoch());
        } catch (RuntimeException again) {
            log.warn("Could not record the failure of release {}; its lease will run out: {}", lease.releaseId(),
                    again.toString());
        }
    }

    private void sendCommand(ApprovalDao.Approval approval) {
        CreateProductFromRelease command = new CreateProductFromRelease(approval.releaseId().toString(),
                approval.productId());
        outbox.announce(Topics.CATALOG_COMMANDS, new Envelope<>(approval.commandId(), SOURCE,
                PromotionMessages.CREATE_PRODUCT_FROM_RELEASE.id(), Instant.now(), approval.productId(),
                approval.tenantId(), approval.requestId(), command));
        log.info("Asked for the catalog entries of release {} of tenant {} (product {})", approval.releaseId(),
                approval.tenantId(), approval.productId());
    }

    @Override
    public void destroy() throws InterruptedException {
        releases.shutdownNow();
        if (!releases.awaitTermination(15, TimeUnit.SECONDS)) {
            log.warn("Approvals still being driven at shutdown; their leases will run out");
        }
    }
}
