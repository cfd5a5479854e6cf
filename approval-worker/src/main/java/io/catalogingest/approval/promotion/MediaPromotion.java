package io.catalogingest.approval.promotion;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.approval.lease.LeaseLostException;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.promotion.MediaPromoted;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.support.persistence.Outbox;
import io.catalogingest.support.storage.StorageProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.minio.MinioClient;

/**
 * Promotes the files of an approved release from the temporary to the permanent bucket (DESIGN.md invariant 3).
 * For each file, in parallel with a bound shared by all releases:
 * <ol>
 *   <li>an external link not fetched yet is first streamed into the temporary bucket at its upload key and its size,
 *       sha256, ETag and type recorded on its row ({@link LinkFetcher}, docs/adr/0022) — from then on it is an
 *       upload like any other;</li>
 *   <li>check the registered temporary object (its upload key) against the media row (size, and the ETag S3
 *       acknowledged to the upload), copy it server-side to the media key, conditional on that ETag, stamping the
 *       row's {@code sha256} as the copy's metadata, and verify the copy (if the upload is gone, a permanent copy
 *       that verifies is kept: {@code found});</li>
 *   <li>record the verification and point the media row at the permanent object (one transaction);</li>
 *   <li>delete the temporary object — only ever after step 2;</li>
 *   <li>publish {@link MediaPromoted} (its event id is derived from the media id, so a repeat is recognisable).</li>
 * </ol>
 * Why the permanent object's {@code sha256} is the hash of its bytes: the gateway hashed the bytes it streamed and
 * recorded them with the ETag S3 acknowledged for exactly those bytes; the copy is made only from an object with that
 * ETag (copy-if-match), and temporary objects are never overwritten. Verified means: the copy's size equals the
 * row's, its {@code sha256} user metadata equals the row's, and — for a single CopyObject of an object whose ETag is
 * its MD5 — its ETag equals the source's. Each step is recorded as it completes, so a re-run after a crash or an error
 * at any point redoes nothing that was done and finishes the rest.
 */
@Service
public class MediaPromotion implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MediaPromotion.class);
    private static final String SOURCE = "/approval-worker";

    private final PromotionDao store;
    private final MediaObjects objects;
    private final Outbox outbox;
    private final PromotionProperties properties;
    private final PromotionFaults faults;
    private final String tempBucket;
    private final String mediaBucket;
    private final ExecutorService copies;
    private final MeterRegistry meters;
    private final LinkFetcher links;

    MediaPromotion(Jdbi jdbi, MinioClient minio, Outbox outbox, PromotionProperties properties,
                   StorageProperties storage, PromotionFaults faults, MeterRegistry meters, LinkFetcher links) {
        this.meters = meters;
        this.links = links;
        this.store = jdbi.onDemand(PromotionDao.class);
        this.objects = new MediaObjects(minio, properties);
        this.outbox = outbox;
        this.properties = properties;
        this.faults = faults;
        this.tempBucket = storage.tempBucket();
        this.mediaBucket = storage.mediaBucket();
        AtomicInteger threads = new AtomicInteger();
        this.copies = Executors.newFixedThreadPool(properties.parallelCopies(), runnable -> {
            Thread thread = new Thread(runnable, "promotion-copy-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Promotes every file of the release not promoted and announced yet.
     *
     * @param lease     the caller's lease on the release: every write is fenced by it
     * @param heartbeat called after each file, to keep the caller's lease on the release
     * @return how many files were promoted by this call
     * @throws PromotionFailedException when a file can never be promoted
     * @throws LeaseLostException       another driver took the release over: nothing more was written
     * @throws RuntimeException         for a transient failure (S3 or Kafka down, ...): try again later
     */
    public int promote(String tenantId, UUID releaseId, UUID requestId, DriverLease lease, Runnable heartbeat) {
        List<PromotionDao.PendingFile> files = store.pending(tenantId, releaseId);
        if (files.isEmpty()) {
            return 0;
        }
        log.info("Promoting {} files of release {} of tenant {} ({} at a time)", files.size(), releaseId, tenantId,
                properties.parallelCopies());
        List<CompletableFuture<Void>> running = new ArrayList<>(files.size());
        for (PromotionDao.PendingFile file : files) {
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    promoteOne(lease, file, requestId);
                } catch (LeaseLostException e) {
                    throw e;
                } catch (RuntimeException e) {
                    store.recordFailure(lease, file.mediaId(), e.getMessage());
                    throw e;
                }
                heartbeat.run();
            }, copies));
        }
        RuntimeException permanent = null;
        RuntimeException transientFailure = null;
        LeaseLostException lost = null;
        int failed = 0;
        for (CompletableFuture<Void> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while promoting the files of release " + releaseId, e);
            } catch (ExecutionException e) {
                failed++;
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
                if (cause instanceof LeaseLostException leaseLost) {
                    lost = leaseLost;
                } else if (cause instanceof PromotionFailedException && permanent == null) {
                    permanent = cause;
                } else if (transientFailure == null) {
                    transientFailure = cause;
                }
            }
        }
        if (lost != null) {
            throw lost;
        }
        if (permanent != null) {
            throw permanent;
        }
        if (transientFailure != null) {
            throw new IllegalStateException(failed + " of " + files.size() + " files of release " + releaseId
                    + " were not promoted; first failure: " + transientFailure.getMessage(), transientFailure);
        }
        return files.size();
    }

    private void promoteOne(DriverLease lease, PromotionDao.PendingFile pending, UUID requestId) {
        PromotionDao.PendingFile file = pending;
        String key = file.objectKey();
        String method = file.method();
        long started = System.nanoTime();
        if (!file.verified() && file.unfetchedLink()) {
            // a link: its bytes go to its upload key first, then it is promoted like an upload (docs/adr/0022)
            LinkFetcher.Fetched fetched = links.fetch(file, tempBucket);
            store.markFetched(lease, file.mediaId(), fetched.size(), fetched.sha256(), fetched.etag(),
                    fetched.mimeType(), fetched.kind().jsonName());
            file = file.fetched(fetched.size(), fetched.sha256(), fetched.etag(), fetched.mimeType(),
                    fetched.kind().jsonName());
        }
        if (!file.verified()) {
            method = copyAndVerify(file);
            store.markVerified(lease, file.mediaId(), method, mediaBucket);
        }
        long copied = System.nanoTime();
        if (!file.tempDeleted()) {
            faults.beforeDelete(file.uploadKey());
            objects.delete(tempBucket, file.uploadKey());
            store.markTempDeleted(lease, file.mediaId());
        }
        long deleted = System.nanoTime();
        MediaPromoted promoted = new MediaPromoted(file.mediaId().toString(), file.releaseId().toString(),
                file.trackId() == null ? null : file.trackId().toString(), mediaBucket, key, file.size(),
                file.sha256(), method == null ? "found" : method);
        outbox.announce(Topics.RELEASE_EVENTS, new Envelope<>(eventId(file.mediaId()), SOURCE,
                PromotionMessages.MEDIA_PROMOTED.id(), Instant.now(), file.releaseId().toString(), file.tenantId(),
                requestId, promoted));
        store.markAnnounced(lease, List.of(file.mediaId()));
        log.info("Promoted {} ({} bytes, {}) of release {}: copied and verified in {} ms, upload deleted in {} ms, "
                + "announced in {} ms", key, file.size(), promoted.method(), file.releaseId(),
                (copied - started) / 1_000_000, (deleted - copied) / 1_000_000,
                (System.nanoTime() - deleted) / 1_000_000);
    }

    /**
     * Makes the permanent object exist and verify; returns how ({@code found}, {@code copy}, {@code multipart}).
     * While the registered upload exists it is copied (again, after a crash between copy and record: the same bytes,
     * by copy-if-match); only when it is gone does an earlier copy count ({@code found}), if it verifies.
     */
    private String copyAndVerify(PromotionDao.PendingFile file) {
        String key = file.objectKey();
        String upload = file.uploadKey();
        Optional<MediaObjects.Stat> source = objects.stat(tempBucket, upload);
        if (source.isEmpty()) {
            Optional<MediaObjects.Stat> target = objects.stat(mediaBucket, key);
            if (target.isPresent() && problem(target.get(), file, true).isEmpty()) {
                log.info("{} is already in {} and verifies; its upload is gone", key, mediaBucket);
                return "found";
            }
            throw new PromotionFailedException("media " + file.mediaId() + " (" + upload + ") is missing from "
                    + tempBucket + (target.isEmpty() ? " and " + key + " from " + mediaBucket
                    : " and the copy in " + mediaBucket + " does not verify: "
                    + problem(target.get(), file, true).get()));
        }
        Optional<String> sourceProblem = problem(source.get(), file, properties.requireSha256Metadata())
                .or(() -> etagProblem(source.get(), file));
        if (sourceProblem.isPresent()) {
            throw new PromotionFailedException("temporary object " + upload + " does not match its media row: "
                    + sourceProblem.get());
        }
        // copy only the object S3 acknowledged to the upload (rows from before ETags were recorded: the one stat'ed)
        String etag = file.etag() != null ? file.etag() : source.get().etag();
        String contentType = file.mimeType() != null ? file.mimeType() : source.get().contentType();
        String method;
        long copyStarted = System.nanoTime();
        try {
            method = objects.copy(tempBucket, upload, mediaBucket, key, file.size(), etag, file.sha256(),
                    contentType);
            long elapsed = System.nanoTime() - copyStarted;
            copied(method, "copied", file.size(), elapsed);
            log.debug("Copied {} to {} ({} bytes, {}) in {} ms", upload, key, file.size(), method,
                    elapsed / 1_000_000);
            faults.afterCopy(key);
        } catch (MediaObjects.SourceChangedException e) {
            copied("refused", "source-changed", 0, System.nanoTime() - copyStarted);
            throw new PromotionFailedException("temporary object " + upload + " is not the registered upload: "
                    + e.getMessage());
        }
        MediaObjects.Stat copied = objects.stat(mediaBucket, key).orElseThrow(() -> new IllegalStateException(
                "the copy of " + upload + " to " + mediaBucket + "/" + key + " succeeded but the object is not there"));
        Optional<String> copyProblem = problem(copied, file, true);
        if (copyProblem.isEmpty() && "copy".equals(method) && isMd5(etag)
                && !MediaObjects.unquoted(copied.etag()).equalsIgnoreCase(MediaObjects.unquoted(etag))) {
            copyProblem = Optional.of("ETag " + copied.etag() + ", the copied object's is " + etag);
        }
        if (copyProblem.isPresent()) {
            throw new PromotionFailedException("the copy of " + upload + " at " + mediaBucket + "/" + key
                    + " does not verify: " + copyProblem.get());
        }
        return method;
    }

    /**
     * Meters of the server-side copies: {@code catalog.promotion.copies} (timer: count and duration) and
     * {@code catalog.promotion.bytes} (bytes copied), tagged {@code method} ({@code copy}, {@code multipart}) and
     * {@code outcome}. A copy S3 could not make (an outage) is retried and counted when it succeeds.
     */
    private void copied(String method, String outcome, long bytes, long nanos) {
        Timer.builder("catalog.promotion.copies").description("server-side copies of uploads to the media bucket")
                .tag("method", method).tag("outcome", outcome).register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (bytes > 0) {
            Counter.builder("catalog.promotion.bytes").baseUnit("bytes")
                    .description("bytes copied server-side to the media bucket")
                    .tag("method", method).register(meters).increment(bytes);
        }
    }

    /** The temporary object's ETag against the one its upload recorded, if both are known and differ. */
    private static Optional<String> etagProblem(MediaObjects.Stat stat, PromotionDao.PendingFile file) {
        if (file.etag() == null || stat.etag() == null
                || MediaObjects.unquoted(stat.etag()).equals(MediaObjects.unquoted(file.etag()))) {
            return Optional.empty();
        }
        return Optional.of("ETag " + stat.etag() + ", the upload recorded " + file.etag());
    }

    /**
     * Whether an ETag is a plain MD5 of the content (32 hex digits), as S3 gives a single-PUT object: a CopyObject
     * of it has the same ETag. A multipart object's ({@code …-n}) says nothing about a copy's.
     */
    private static boolean isMd5(String etag) {
        return etag != null && MediaObjects.unquoted(etag).matches("[0-9a-fA-F]{32}");
    }

    /**
     * What does not match between an object and its media row, if anything.
     *
     * @param requireHash whether an object without {@code sha256} metadata fails (a permanent copy always carries
     *                    it; a temporary object of a multipart upload may not, see the gateway's
     *                    {@code catalog.upload.sha256-metadata})
     */
    private Optional<String> problem(MediaObjects.Stat stat, PromotionDao.PendingFile file, boolean requireHash) {
        if (stat.size() != file.size()) {
            return Optional.of("size " + stat.size() + " bytes, the media row says " + file.size());
        }
        if (stat.sha256() == null) {
            return requireHash
                    ? Optional.of("it has no sha256 metadata to check against the row's " + file.sha256())
                    : Optional.empty();
        }
        if (!stat.sha256().equalsIgnoreCase(file.sha256())) {
            return Optional.of("sha256 " + stat.sha256() + ", the media row says " + file.sha256());
        }
        return Optional.empty();
    }

    /** The id of the MediaPromoted event of a media file: the same every time it is announced. */
    static UUID eventId(UUID mediaId) {
        return UUID.nameUUIDFromBytes(("catalog.media.promoted.v1:" + mediaId).getBytes(UTF_8));
    }

    @Override
    public void destroy() throws InterruptedException {
        copies.shutdownNow();
        copies.awaitTermination(10, TimeUnit.SECONDS);
    }
}
