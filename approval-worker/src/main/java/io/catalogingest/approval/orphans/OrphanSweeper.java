package io.catalogingest.approval.orphans;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.catalogingest.support.storage.StorageProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;

/**
 * Removes objects from the temporary bucket that no media row owns and that are older than
 * {@code catalog.orphans.min-age}. Every upload is its own object (its upload key); it is owned while a media row
 * that is not {@code rejected} registered it ({@code media.upload_key}): a registered file, or one being promoted
 * (the temporary object is kept until the promotion deletes it after verifying the copy). An upload replaced by a
 * later one of the same name, refused, or overtaken by a submit is deleted by the worker; if that delete was lost,
 * this sweep removes it. It is also owned while the
 * gateway's request that registers it has no outcome: the {@code RegisterMedia} command is on its way, waiting out
 * an outage, or in a dead-letter topic until an operator replays it (the gateway records the upload key with the
 * request, ADR 0008).
 *
 * <p>Multipart uploads of the temporary bucket that were started longer than
 * {@code catalog.orphans.incomplete-upload-min-age} ago and never completed (a gateway that died or lost S3
 * mid-upload) are aborted, so that their parts do not stay forever (S3Proxy has no lifecycle rule
 * {@code AbortIncompleteMultipartUpload}).
 *
 * <p>Counts go to the logs and to the meters {@code catalog.orphans.found}, {@code catalog.orphans.removed} and
 * {@code catalog.orphans.incomplete-uploads} (tag {@code dry-run}). Several workers may run it at once: removing an
 * object or aborting an upload twice is harmless.
 */
@Component
public class OrphanSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final MinioClient minio;
    private final OrphanDao orphans;
    private final OrphanProperties properties;
    private final String tempBucket;
    private final Clock clock;
    private final Counter found;
    private final Counter removed;
    private final Counter incomplete;
    private final IncompleteUploads incompleteUploads;

    OrphanSweeper(MinioClient minio, Jdbi jdbi, OrphanProperties properties, StorageProperties storage,
                  MeterRegistry meters, IncompleteUploads incompleteUploads) {
        this.minio = minio;
        this.incompleteUploads = incompleteUploads;
        this.orphans = jdbi.onDemand(OrphanDao.class);
        this.properties = properties;
        this.tempBucket = storage.tempBucket();
        this.clock = Clock.systemUTC();
        String dryRun = Boolean.toString(properties.dryRun());
        this.found = Counter.builder("catalog.orphans.found")
                .description("temporary objects that no media row owns, older than the minimum age")
                .tag("dry-run", dryRun).register(meters);
        this.removed = Counter.builder("catalog.orphans.removed")
                .description("orphaned temporary objects removed").tag("dry-run", dryRun).register(meters);
        this.incomplete = Counter.builder("catalog.orphans.incomplete-uploads")
                .description("multipart uploads of the temporary bucket never completed, aborted")
                .tag("dry-run", dryRun).register(meters);
    }

    /** What one sweep saw and did. */
    public record Sweep(int scanned, int orphans, int removed, int incompleteUploads, boolean dryRun) {
    }

    /** A scheduled run: does nothing when disabled, logs instead of throwing. */
    public void scheduled() {
        if (!properties.enabled()) {
            return;
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Orphan sweep of {} failed: {}", tempBucket, e.toString());
        }
    }

    /** One pass over the temporary bucket. */
    public Sweep sweep() {
        Instant cutoff = clock.instant().minus(properties.minAge());
        int scanned = 0;
        int orphans = 0;
        int deleted = 0;
        List<String> candidates = new ArrayList<>(properties.batch());
        try {
            for (Result<Item> result : minio.listObjects(ListObjectsArgs.builder().bucket(tempBucket)
                    .recursive(true).build())) {
                Item item = result.get();
                if (item.isDir()) {
                    continue;
                }
                scanned++;
                if (item.lastModified() != null && item.lastModified().toInstant().isBefore(cutoff)) {
                    candidates.add(item.objectName());
                }
                if (candidates.size() >= properties.batch()) {
                    int[] counts = settle(candidates);
                    orphans += counts[0];
                    deleted += counts[1];
                    candidates.clear();
                }
            }
            if (!candidates.isEmpty()) {
                int[] counts = settle(candidates);
                orphans += counts[0];
                deleted += counts[1];
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not list " + tempBucket, e);
        }
        int aborted = abortIncompleteUploads();
        if (properties.dryRun()) {
            log.info("Orphan sweep (dry run) of {}: {} objects, {} orphans older than {} would be removed, {} "
                    + "incomplete multipart uploads would be aborted", tempBucket, scanned, orphans, properties.minAge(),
                    aborted);
        } else {
            log.info("Orphan sweep of {}: {} objects, {} orphans older than {}, {} removed; {} incomplete multipart "
                    + "uploads aborted", tempBucket, scanned, orphans, properties.minAge(), deleted, aborted);
        }
        return new Sweep(scanned, orphans, deleted, aborted, properties.dryRun());
    }

    /** Aborts the multipart uploads started before the bound and never finished; returns how many. */
    private int abortIncompleteUploads() {
        Instant cutoff = clock.instant().minus(properties.incompleteUploadMinAge());
        int aborted = 0;
        try {
            for (IncompleteUploads.Incomplete upload : incompleteUploads.list(tempBucket)) {
                if (upload.initiated() == null || !upload.initiated().isBefore(cutoff)) {
                    continue;
                }
                incomplete.increment();
                aborted++;
                if (properties.dryRun()) {
                    log.info("Incomplete multipart upload (dry run, kept): {}/{} {}", tempBucket, upload.key(),
                            upload.uploadId());
                    continue;
                }
                incompleteUploads.abort(tempBucket, upload);
                log.info("Aborted incomplete multipart upload {}/{} {} (initiated {})", tempBucket, upload.key(),
                        upload.uploadId(), upload.initiated());
            }
        } catch (Exception e) {
            log.warn("Could not list or abort the incomplete multipart uploads of {}: {}", tempBucket, e.toString());
        }
        return aborted;
    }

    /** Removes the unowned keys among {@code keys}; returns {orphans, removed}. */
    private int[] settle(List<String> keys) throws Exception {
        Set<String> owned = new HashSet<>(orphans.owned(keys.toArray(String[]::new)));
        int orphans = 0;
        int deleted = 0;
        for (String key : keys) {
            if (owned.contains(key)) {
                continue;
            }
            orphans++;
            found.increment();
            if (properties.dryRun()) {
                log.info("Orphan (dry run, kept): {}/{}", tempBucket, key);
                continue;
            }
            minio.removeObject(RemoveObjectArgs.builder().bucket(tempBucket).object(key).build());
            deleted++;
            removed.increment();
            log.info("Removed orphan {}/{}", tempBucket, key);
        }
        return new int[] {orphans, deleted};
    }
}
