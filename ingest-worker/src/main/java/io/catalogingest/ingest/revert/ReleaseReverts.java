package io.catalogingest.ingest.revert;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.CommandRejected;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.ReleaseReverted;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.RevertRelease;
import io.catalogingest.common.storage.StorageKeys;
import io.catalogingest.ingest.media.StoredObjects;
import io.catalogingest.ingest.product.ProductIngestion;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.messaging.PoisonMessageException;
import io.catalogingest.support.persistence.Applied;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;
import io.catalogingest.support.storage.ObjectCopies;
import io.catalogingest.support.storage.StorageProperties;
import io.minio.MinioClient;

/**
 * Applies {@link RevertRelease} (ADR 0021): an admin moves a release back to {@code draft} (from {@code rejected},
 * {@code approved} or {@code completed}) or to {@code submitted} (from {@code approved} with a failed auto-creation),
 * in one transaction under the release's row lock —
 * <ul>
 *   <li>refused (409) while an approval driver holds the release or waits for its product; otherwise the approval
 *       is fenced (epoch raised, stage {@code reverted}), so a driver that wakes up later writes nothing;</li>
 *   <li>each promoted file is copied server-side from the permanent bucket back to the temporary one, at a fresh
 *       upload key derived from the command and the file (a redelivered command writes the same keys), conditional
 *       on the permanent object's ETag and stamped with the row's sha256; its row is {@code registered} again at that
 *       key; the permanent objects are deleted after the commit;</li>
 *   <li>the auto-creation's catalog entries go: the product is soft-deleted (its UPC stays spent), the assets made
 *       for the tracks are deleted (linked assets stay), the files leave product and assets;</li>
 *   <li>the release loses its review, completion and auto-creation fields, and an audit row records the revert.</li>
 * </ul>
 * A crash before the commit leaves only unreferenced temporary copies (the orphan sweeper's); one after it leaves
 * permanent objects no row points at.
 */
@Service
class ReleaseReverts implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.releases";
    static final int MAX_REASON = 1000;
    private static final Logger log = LoggerFactory.getLogger(ReleaseReverts.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;
    private final ProductIngestion products;
    private final StoredObjects objects;
    private final ObjectCopies copies;
    private final StorageProperties storage;

    ReleaseReverts(AppliedOnce appliedOnce, ProductIngestion products, StoredObjects objects, MinioClient minio,
                   StorageProperties storage, RevertProperties properties) {
        this.appliedOnce = appliedOnce;
        this.products = products;
        this.objects = objects;
        this.copies = new ObjectCopies(minio, properties.multipartThreshold().toBytes(),
                properties.partSize().toBytes());
        this.storage = storage;
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.RELEASE_COMMANDS, ReleaseMessages.REVERT_RELEASE, KeyRule.uuidAggregate(), this::revert);
    }

    void revert(Envelope<RevertRelease> command) {
        String releaseId = command.payload().releaseId();
        ReleaseId id = ReleaseId.parse(releaseId).orElseThrow(() -> new PoisonMessageException(
                "release command for '" + releaseId + "', which is not a release id"));
        appliedOnce.process(CONSUMER, command, (handle, same) -> apply(handle, same, id));
    }

    private Applied apply(Handle handle, Envelope<RevertRelease> command, ReleaseId id) {
        RevertRelease revert = command.payload();
        String tenant = command.tenantId();
        RevertDao releases = handle.attach(RevertDao.class);
        Optional<RevertDao.State> found = releases.lock(tenant, id);
        if (found.isEmpty()) {
            return Applied.recorded(rejection(command, 404, "Release not found", List.of()));
        }
        List<FieldError> invalid = invalid(revert);
        if (!invalid.isEmpty()) {
            return Applied.recorded(rejection(command, 400, "Invalid target status or missing reason", invalid));
        }
        RevertDao.State state = found.get();
        Optional<String> refusal = state.status().revertRefusal(revert.targetStatus(), state.autoCreationStatus());
        if (refusal.isPresent()) {
            return Applied.recorded(rejection(command, 400, refusal.get(),
                    List.of(new FieldError("status", refusal.get()))));
        }
        Optional<RevertDao.Approval> approval = releases.lockApproval(id);
        if (approval.isPresent() && approval.get().driven()) {
            String busy = "The release's approval is " + approval.get().stage() + " right now; revert it once that "
                    + "has stopped";
            return Applied.recorded(rejection(command, 409, busy, List.of(new FieldError("status", busy))));
        }
        List<RevertDao.PromotedFile> promoted = releases.promotedFiles(tenant, id);
        List<String> permanentEtags = new ArrayList<>();
        for (RevertDao.PromotedFile file : promoted) {
            Optional<StoredObjects.Stat> permanent = objects.stat(file.bucket(), file.objectKey());
            if (permanent.isEmpty() || permanent.get().size() != file.size()) {
                String missing = "file " + file.id() + " is not in permanent storage as recorded";
                return Applied.recorded(rejection(command, 409, "A promoted file of the release is missing",
                        List.of(new FieldError("media", missing))));
            }
            permanentEtags.add(permanent.get().etag());
        }
        releases.fenceApproval(id);

        List<String> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> etags = new ArrayList<>();
        for (int i = 0; i < promoted.size(); i++) {
            RevertDao.PromotedFile file = promoted.get(i);
            String uploadKey = StorageKeys.upload(tenant, id.toString(), uploadId(command.id(), file.id()),
                    file.name());
            String method = copies.copy(file.bucket(), file.objectKey(), storage.tempBucket(), uploadKey,
                    file.size(), permanentEtags.get(i), file.sha256(), file.mimeType());
            StoredObjects.Stat copy = objects.stat(storage.tempBucket(), uploadKey).filter(stat ->
                    stat.size() == file.size()).orElseThrow(() -> new IllegalStateException("the copy of "
                    + file.objectKey() + " to " + uploadKey + " succeeded but is not there at its size"));
            log.debug("Copied {} back to {} ({} bytes, {})", file.objectKey(), uploadKey, file.size(), method);
            ids.add(file.id().toString());
            keys.add(uploadKey);
            etags.add(ObjectCopies.unquoted(copy.etag()));
        }
        releases.restore(id, storage.tempBucket(), ids.toArray(String[]::new), keys.toArray(String[]::new),
                etags.toArray(String[]::new));

        String productId = state.productId();
        String[] created = releases.createdAssets(id).toArray(String[]::new);
        releases.detachProductMedia(id);
        releases.detachAssetMedia(id);
        if (productId != null) {
            products.softDeleteInTransaction(handle, tenant, productId);
            releases.releaseAssets(tenant, productId, created);
        }
        releases.unlinkTracks(id, created);
        List<String> deletedAssets = releases.deleteAssets(tenant, created);
        releases.forgetAutoCreation(id);
        releases.forgetPromotions(id);
        releases.markReverted(tenant, id, revert.targetStatus());
        releases.audit(command.id(), tenant, id, state.status(), revert.targetStatus(), revert.reason(),
                revert.adminId(), command.requestId(), productId, deletedAssets.toArray(String[]::new),
                promoted.size());
        log.info("Reverted release {} of tenant {} from {} to {} by {}: {} files back in temporary storage, product {}"
                        + " deleted with {} assets (request {})", id, tenant, state.status().jsonName(),
                revert.targetStatus().jsonName(), revert.adminId(), promoted.size(), productId, deletedAssets.size(),
                command.requestId());
        Applied applied = Applied.recorded(Outcome.success("release", id.toString(), 200, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.RELEASE_REVERTED, SOURCE, id.toString(),
                        new ReleaseReverted(id.toString(), state.status(), revert.targetStatus(), revert.reason(),
                                productId, deletedAssets, promoted.size()))));
        for (RevertDao.PromotedFile file : promoted) {
            applied = applied.andAfterCommit(() -> objects.delete(file.bucket(), file.objectKey()));
        }
        return applied;
    }

    /** What the gateway checks too; a command from elsewhere is held to the same. */
    private static List<FieldError> invalid(RevertRelease revert) {
        List<FieldError> errors = new ArrayList<>();
        if (revert.targetStatus() != ReleaseStatus.DRAFT && revert.targetStatus() != ReleaseStatus.SUBMITTED) {
            errors.add(new FieldError("targetStatus", "must be one of: draft, submitted"));
        }
        if (revert.reason() == null || revert.reason().isBlank()) {
            errors.add(new FieldError("reason", "is required"));
        } else if (revert.reason().length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must have at most " + MAX_REASON + " characters"));
        }
        if (revert.adminId() == null || revert.adminId().isBlank()) {
            errors.add(new FieldError("adminId", "is required"));
        }
        return errors;
    }

    /** The upload id of a file's copy: the same for a redelivered command, new for every revert. */
    private static String uploadId(UUID commandId, UUID mediaId) {
        return UUID.nameUUIDFromBytes(("catalog.release.revert:" + commandId + ":" + mediaId).getBytes(UTF_8))
                .toString();
    }

    private static Outcome rejection(Envelope<?> command, int status, String message, List<FieldError> errors) {
        String releaseId = command.subject();
        log.info("Refused the revert of release {} of tenant {}: {} {}", releaseId, command.tenantId(), message,
                errors);
        return Outcome.rejection("release", releaseId, status, message, errors, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.COMMAND_REJECTED, SOURCE, releaseId,
                        new CommandRejected(releaseId, command.type(), status, message, errors)));
    }
}
