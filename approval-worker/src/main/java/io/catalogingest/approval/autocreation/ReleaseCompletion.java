package io.catalogingest.approval.autocreation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.promotion.AutoCreationFailed;
import io.catalogingest.common.promotion.ReleaseCompleted;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.support.persistence.Outbox;

/**
 * Ends an approval: the release becomes {@code completed} with its product, or stays {@code approved} with
 * {@code autoCreationStatus=failed} and the reason. Each happens once: the change is conditional on the approval
 * still being unfinished, so a repeated answer changes nothing (its event is announced again with the same id). The
 * event is written to the outbox in the transaction of the change, so it leaves even if the worker dies right after.
 */
@Service
public class ReleaseCompletion {

    private static final Logger log = LoggerFactory.getLogger(ReleaseCompletion.class);
    private static final String SOURCE = "/approval-worker";

    private final Outbox outbox;

    ReleaseCompletion(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The product of the release exists: complete the release. */
    public void complete(String tenantId, UUID releaseId, UUID requestId, String productId, String upc,
                         String format) {
        Instant completedAt = outbox.inTransaction((handle, announcer) -> {
            CompletionDao completion = handle.attach(CompletionDao.class);
            Optional<UUID> finished = completion.finishCompleted(tenantId, releaseId, productId);
            Optional<UUID> command = finished.isPresent() ? finished
                    : completion.completedCommand(tenantId, releaseId, productId);
            Instant completed = finished.isPresent()
                    ? completion.complete(tenantId, releaseId, productId).orElse(null)
                    : completion.completedAt(tenantId, releaseId).orElse(null);
            if (completed != null && command.isPresent()) {
                // announced again with the same id when the answer is repeated; a later approval's has its own
                announcer.announce(Topics.RELEASE_EVENTS, new Envelope<>(eventId("completed", releaseId,
                        command.get()), SOURCE,
                        PromotionMessages.RELEASE_COMPLETED.id(), Instant.now(), releaseId.toString(), tenantId,
                        requestId, new ReleaseCompleted(releaseId.toString(), productId, upc, format, completed)));
            }
            return completed;
        });
        if (completedAt == null) {
            log.info("Release {} of tenant {} is not waiting for product {}; ignoring the answer", releaseId,
                    tenantId, productId);
            return;
        }
        log.info("Release {} of tenant {} is completed with product {} (UPC {}, {})", releaseId, tenantId, productId,
                upc, format);
    }

    /**
     * The ingest-worker could not create the product {@code productId} the approval asked for: the release stays
     * approved, with the reason. An answer to an approval reverted since (another product id) changes nothing.
     */
    public void fail(String tenantId, UUID releaseId, UUID requestId, String productId, String stage, String reason,
                     List<FieldError> errors) {
        fail(null, productId, tenantId, releaseId, requestId, stage, reason, errors);
    }

    /**
     * Promotion failed for good, by the driver holding {@code lease}: refused
     * ({@link io.catalogingest.approval.lease.LeaseLostException}) if another driver has taken the release over
     * meanwhile.
     */
    public void fail(DriverLease lease, String tenantId, UUID releaseId, UUID requestId, String stage, String reason,
                     List<FieldError> errors) {
        fail(lease, null, tenantId, releaseId, requestId, stage, reason, errors);
    }

    private void fail(DriverLease lease, String productId, String tenantId, UUID releaseId, UUID requestId,
                      String stage, String reason, List<FieldError> errors) {
        boolean failedNow = outbox.inTransaction((handle, announcer) -> {
            if (lease != null) {
                lease.hold(handle);
            }
            CompletionDao completion = handle.attach(CompletionDao.class);
            Optional<UUID> command = completion.finishFailed(tenantId, releaseId, productId, reason);
            if (command.isEmpty()) {
                return false;
            }
            completion.autoCreationFailed(tenantId, releaseId, reason);
            // each attempt (the first, every retry) fails with an event id of its own, so no consumer drops one
            announcer.announce(Topics.RELEASE_EVENTS, new Envelope<>(eventId("auto-creation-failed", releaseId,
                    command.get()),
                    SOURCE, PromotionMessages.AUTO_CREATION_FAILED.id(), Instant.now(), releaseId.toString(), tenantId,
                    requestId, new AutoCreationFailed(releaseId.toString(), stage, reason, errors)));
            return true;
        });
        if (!failedNow) {
            log.info("Release {} of tenant {} had already finished; ignoring the failure: {}", releaseId, tenantId,
                    reason);
            return;
        }
        log.warn("Auto-creation of release {} of tenant {} failed ({}): {}", releaseId, tenantId, stage, reason);
    }

    /** The same for a repeated answer to the same approval command; different for each attempt (ADR 0021). */
    static UUID eventId(String what, UUID releaseId, UUID commandId) {
        return UUID.nameUUIDFromBytes(("catalog.release." + what + ":" + releaseId + ":" + commandId)
                .getBytes(UTF_8));
    }
}
