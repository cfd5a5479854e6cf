package io.catalogingest.gateway.upload;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.catalogingest.gateway.upload.UploadProperties.Sha256Metadata;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * Streams one file into S3, computing its SHA-256 on the way.
 *
 * <p>A file that fits in one part buffer ({@code catalog.upload.part-size}) is stored with a single PUT carrying
 * {@code x-amz-meta-sha256}. A larger one becomes a multipart upload: the request thread reads and hashes the next
 * part while earlier ones are on their way to S3 on part-sender threads (up to {@code parts-in-flight} at once
 * when {@link PartBuffers} can lend the buffers, at least one); with {@link Sha256Metadata#ALL_OBJECTS} the
 * completed object then gets its {@code sha256} metadata by a copy onto itself. The bytes are hashed once: parts
 * go out as {@code UNSIGNED-PAYLOAD}. A request's only file whose length is known in advance ({@link LastFilePart},
 * from {@link MultipartUploadReader#forSingleFile}) and larger than a part goes out as one streamed PUT of that length
 * instead, unless {@code catalog.upload.single-put} is off.
 *
 * <p>On any failure (size limit, truncated body, client gone, S3 error or stall) the multipart upload is aborted after
 * its in-flight parts have finished, so neither an object nor an incomplete upload is left behind. The abort runs in
 * the background and is retried with backoff ({@link #ABORT_ATTEMPTS}): the request answers at once, and an S3 server
 * that stalled gets the abort once it answers again.
 */
@Component
public class ObjectUploader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ObjectUploader.class);
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
    private static final HexFormat HEX = HexFormat.of();
    /** User metadata that marks the object of one streamed PUT, so a failed one can be told from an older object. */
    static final String UPLOAD_TOKEN = "upload-token";
    private static final int STREAM_READ_BUFFER = 64 * 1024;

    /** Attempts at aborting a failed multipart upload, 1 s, 2 s, 4 s ... (at most 30 s) apart: about 5 minutes. */
    static final int ABORT_ATTEMPTS = 14;
    private static final Duration FIRST_ABORT_RETRY = Duration.ofSeconds(1);
    /** Checks for an object a failed PUT may have left, once S3 answers (1 s, 2 s, 4 s, 8 s apart). */
    private static final int DISCARD_CHECKS = 4;
    private static final Duration MAX_ABORT_RETRY = Duration.ofSeconds(30);

    private final ScheduledExecutorService aborts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "s3-multipart-abort");
        thread.setDaemon(true);
        return thread;
    });
    private final S3StreamingClient s3;
    private final PartBuffers buffers;
    private final UploadGate gate;
    private final int partsInFlight;
    private final Sha256Metadata sha256Metadata;
    private final Duration retryAfter;
    private final boolean singlePut;
    private final MeterRegistry meters;

    ObjectUploader(S3StreamingClient s3, PartBuffers buffers, UploadGate gate, UploadProperties properties) {
        this(s3, buffers, gate, properties, Metrics.globalRegistry);
    }

    /**
     * Meters: {@code catalog.upload.duration} (timer, tagged {@code outcome}: {@code stored} or the failure's
     * exception) and {@code catalog.upload.bytes} (distribution of stored object sizes).
     */
    @Autowired
    ObjectUploader(S3StreamingClient s3, PartBuffers buffers, UploadGate gate, UploadProperties properties,
                   MeterRegistry meters) {
        this.meters = meters;
        this.s3 = s3;
        this.buffers = buffers;
        this.gate = gate;
        this.partsInFlight = properties.partsInFlight();
        this.sha256Metadata = properties.sha256Metadata();
        this.retryAfter = properties.retryAfter();
        this.singlePut = properties.singlePut();
    }

    public StoredObject upload(InputStream part, UploadTarget target, String contentType, String clientFileName,
                               long maxBytes) {
        return upload(part, target.bucket(), target.key(), contentType, clientFileName, maxBytes);
    }

    /**
     * Streams {@code part} into {@code bucket/key}, replacing an object already there.
     *
     * @param contentType    the part's Content-Type header; stored when it is a plain {@code type/subtype}, else
     *                       {@code application/octet-stream}
     * @param clientFileName kept in the result only
     * @param maxBytes       more than this → {@link UploadTooLargeException}
     * @throws UploadTooLargeException      over {@code maxBytes}
     * @throws UploadRejectedException      400 when the stream fails (truncated body, client gone)
     * @throws StorageUnavailableException  S3 failed
     * @throws UploadsBusyException         called outside {@link MultipartUploadReader} with every slot taken
     */
    public StoredObject upload(InputStream part, String bucket, String key, String contentType, String clientFileName,
                               long maxBytes) {
        long started = System.nanoTime();
        String outcome = "failed";
        try (UploadGate.Permit permit = gate.enter()) {
            StoredObject stored = new Transfer(part, bucket, key, storedContentType(contentType), maxBytes)
                    .run(contentType, clientFileName);
            outcome = "stored";
            DistributionSummary.builder("catalog.upload.bytes").baseUnit("bytes")
                    .description("sizes of the objects uploads stored").register(meters).record(stored.size());
            return stored;
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName();
            throw e;
        } finally {
            Timer.builder("catalog.upload.duration").description("streaming one uploaded file to S3")
                    .tag("outcome", outcome).register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops retrying aborts (when the application stops). */
    @Override
    public void close() {
        aborts.shutdownNow();
    }

    /** Aborts a multipart upload in the background, retrying with backoff until S3 takes it. */
    private void abortLater(String bucket, String key, String uploadId, int attempt, Duration delay) {
        aborts.schedule(() -> {
            try {
                s3.abortMultipartUpload(bucket, key, uploadId);
                log.info("Aborted multipart upload of {}/{} (attempt {})", bucket, key, attempt);
            } catch (IOException | RuntimeException e) {
                if (attempt >= ABORT_ATTEMPTS) {
                    log.warn("Gave up aborting multipart upload {} of {}/{} after {} attempts: {}", uploadId, bucket,
                            key, attempt, e.toString());
                    return;
                }
                Duration next = delay.multipliedBy(2).compareTo(MAX_ABORT_RETRY) > 0 ? MAX_ABORT_RETRY
                        : delay.multipliedBy(2);
                log.info("Could not abort multipart upload of {}/{} yet (attempt {}): {}", bucket, key, attempt,
                        e.toString());
                abortLater(bucket, key, uploadId, attempt + 1, next);
            }
        }, attempt == 1 ? 0 : delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Removes, once S3 answers again, an object that a failed PUT may still have created: checked a few times (a
     * recovering server may finish the PUT after answering our check), deleted only when it carries the PUT's
     * metadata value ({@code sha256}, or the {@code upload-token} of a streamed PUT).
     */
    private void discardLater(String bucket, String key, String metadataName, String expected, int checksLeft,
                              int failuresLeft, Duration delay) {
        aborts.schedule(() -> {
            Duration next = delay.multipliedBy(2).compareTo(MAX_ABORT_RETRY) > 0 ? MAX_ABORT_RETRY
                    : delay.multipliedBy(2);
            try {
                Optional<Map<String, String>> metadata = s3.userMetadata(bucket, key);
                if (metadata.isPresent() && expected.equals(metadata.get().get(metadataName))) {
                    s3.deleteObject(bucket, key);
                    log.info("Removed {}/{}, stored by a PUT that had failed", bucket, key);
                } else if (checksLeft > 1) {
                    discardLater(bucket, key, metadataName, expected, checksLeft - 1, failuresLeft, next);
                }
            } catch (IOException | RuntimeException e) {
                if (failuresLeft > 1) {
                    discardLater(bucket, key, metadataName, expected, checksLeft, failuresLeft - 1, next);
                } else {
                    log.warn("Gave up checking {}/{} after a failed PUT: {}", bucket, key, e.toString());
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes a stored object, e.g. the files already stored by a request that failed later. */
    public void delete(UploadTarget target) {
        delete(target.bucket(), target.key());
    }

    /** Deletes an object (no error if it is gone); throws {@link StorageUnavailableException} if S3 fails. */
    public void delete(String bucket, String key) {
        try {
            s3.deleteObject(bucket, key);
        } catch (IOException e) {
            throw new StorageUnavailableException("Could not delete " + bucket + "/" + key + ": " + e.getMessage(),
                    retryAfter, e);
        }
    }

    static String storedContentType(String header) {
        if (header == null) {
            return OCTET_STREAM;
        }
        String type = header.split(";", 2)[0].strip();
        return MEDIA_TYPE.matcher(type).matches() ? type : OCTET_STREAM;
    }

    /** One file on its way. */
    private final class Transfer {

        private final InputStream in;
        private final String bucket;
        private final String key;
        private final String contentType;
        private final long maxBytes;
        private final MessageDigest sha256 = newSha256();
        /** Every buffer this transfer holds (idle, being filled, or in flight). */
        private final List<byte[]> owned = new ArrayList<>();
        private final Deque<InFlight> inFlight = new ArrayDeque<>();
        private final Deque<byte[]> free = new ArrayDeque<>();
        private final List<String> etags = new ArrayList<>();
        private long size;
        private boolean ended;
        private String uploadId;

        Transfer(InputStream in, String bucket, String key, String contentType, long maxBytes) {
            this.in = in;
            this.bucket = bucket;
            this.key = key;
            this.contentType = contentType;
            this.maxBytes = maxBytes;
        }

        StoredObject run(String contentTypeHeader, String clientFileName) {
            try {
                String etag = store();
                return new StoredObject(bucket, key, size, HEX.formatHex(sha256.digest()), etag, contentTypeHeader,
                        clientFileName);
            } catch (RuntimeException | Error e) {
                abort(e);
                throw e;
            } catch (S3StreamingClient.S3Exception e) {
                abort(e);
                throw new StorageUnavailableException("Storage refused the upload: " + e.getMessage(), retryAfter, e);
            } catch (IOException e) {
                abort(e);
                throw new UploadRejectedException(HttpStatus.BAD_REQUEST,
                        "The upload stream failed (client went away or body ended early)", null, e);
            } finally {
                awaitQuietly();
                owned.forEach(buffers::give);
            }
        }

        private String store() throws IOException {
            if (singlePut && in instanceof LastFilePart part && part.expectedLength() > buffers.partSize()
                    && part.expectedLength() <= maxBytes) {
                return putStreamed(part);
            }
            long started = System.nanoTime();
            byte[] first = take();
            int firstLength = fill(first);
            if (ended) {
                return putOnce(first, firstLength);
            }
            byte[] second = take();
            int secondLength = fill(second);
            if (secondLength == 0) {
                return putOnce(first, firstLength);
            }
            uploadId = s3.createMultipartUpload(bucket, key, contentType, Map.of());
            send(first, firstLength);
            byte[] current = second;
            int length = secondLength;
            while (true) {
                send(current, length);
                if (ended) {
                    break;
                }
                current = nextBuffer();
                length = fill(current);
                if (length == 0) {
                    free.add(current);
                    break;
                }
            }
            while (!inFlight.isEmpty()) {
                awaitOldest();
            }
            long streamed = System.nanoTime();
            String etag = s3.completeMultipartUpload(bucket, key, uploadId, etags);
            uploadId = null;
            long completed = System.nanoTime();
            if (sha256Metadata == Sha256Metadata.ALL_OBJECTS) {
                try {
                    etag = s3.replaceMetadata(bucket, key, contentType, sha256Metadata());
                } catch (IOException | RuntimeException e) {
                    deleteQuietly();
                    throw e;
                }
            }
            log.debug("Stored {} bytes in {} parts to {}/{}: streaming {} ms, completing {} ms, metadata {} ms", size,
                    etags.size(), bucket, key, (streamed - started) / 1_000_000, (completed - streamed) / 1_000_000,
                    (System.nanoTime() - completed) / 1_000_000);
            return etag;
        }

        /**
         * The request's only file as one PUT of the length it has if nothing but the closing delimiter follows it:
         * no part buffers, no multipart upload for the S3 server to reassemble. The PUT's last chunk is sent only once
         * the request has been seen to end that way; otherwise the PUT is cut short (nothing stored) and the request
         * is refused. If S3 fails after every byte went out, the object may still land once it recovers: it is
         * removed in the background, recognized by this PUT's {@code upload-token}.
         */
        private String putStreamed(LastFilePart part) throws IOException {
            long started = System.nanoTime();
            long length = part.expectedLength();
            String token = UUID.randomUUID().toString();
            S3StreamingClient.StreamedPut put = s3.startPut(bucket, key, length, contentType,
                    Map.of(UPLOAD_TOKEN, token));
            boolean delivered = false;
            try {
                byte[] buffer = new byte[STREAM_READ_BUFFER];
                long remaining = length;
                while (remaining > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw notLastPart();
                    }
                    sha256.update(buffer, 0, n);
                    size += n;
                    put.write(buffer, 0, n);
                    remaining -= n;
                }
                if (!part.endsAsExpected()) {
                    throw notLastPart();
                }
                delivered = true;
                String etag = put.finish(digestSoFar());
                long sent = System.nanoTime();
                if (sha256Metadata == Sha256Metadata.ALL_OBJECTS) {
                    try {
                        etag = s3.replaceMetadata(bucket, key, contentType, sha256Metadata());
                    } catch (IOException | RuntimeException e) {
                        deleteQuietly();
                        throw e;
                    }
                }
                log.debug("Stored {} bytes with one streamed PUT to {}/{}: streaming {} ms, metadata {} ms", size,
                        bucket, key, (sent - started) / 1_000_000, (System.nanoTime() - sent) / 1_000_000);
                return etag;
            } catch (S3StreamingClient.S3Exception e) {
                if (delivered) {
                    discardLater(bucket, key, UPLOAD_TOKEN, token, DISCARD_CHECKS, ABORT_ATTEMPTS, FIRST_ABORT_RETRY);
                }
                throw e;
            } finally {
                put.abort(); // nothing left to do once finished
            }
        }

        private UploadRejectedException notLastPart() {
            return UploadRejectedException.malformed("The file must be the request's last part: only the closing "
                    + "boundary (--boundary-- and CRLF) may follow it");
        }

        /**
         * One PUT. If S3 fails or stalls, the bytes may still land once it recovers (the request was sent): then the
         * object is removed in the background — only if it carries this upload's hash, so a file stored earlier under
         * the same key is never taken.
         */
        private String putOnce(byte[] data, int length) throws IOException {
            Map<String, String> metadata = sha256Metadata();
            try {
                return s3.putObject(bucket, key, data, length, contentType, metadata);
            } catch (S3StreamingClient.S3Exception e) {
                discardLater(bucket, key, "sha256", metadata.get("sha256"), DISCARD_CHECKS, ABORT_ATTEMPTS,
                        FIRST_ABORT_RETRY);
                throw e;
            }
        }

        /** Reads until the buffer is full or the stream ends, hashing as it goes. */
        private int fill(byte[] buffer) throws IOException {
            int length = 0;
            while (length < buffer.length) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    ended = true;
                    break;
                }
                sha256.update(buffer, length, n);
                length += n;
                size += n;
                if (size > maxBytes) {
                    throw new UploadTooLargeException("The file is larger than " + maxBytes + " bytes");
                }
            }
            return length;
        }

        /**
         * A buffer to read the next part into: an idle one of ours, else one borrowed from the budget (more parts
         * in flight), else the one of the oldest part in flight once it has been sent.
         */
        private byte[] nextBuffer() throws IOException {
            while (true) {
                while (!inFlight.isEmpty() && inFlight.peek().etag().isDone()) {
                    awaitOldest();
                }
                if (!free.isEmpty()) {
                    return free.poll();
                }
                if (inFlight.size() < partsInFlight) {
                    byte[] borrowed = buffers.tryBorrow();
                    if (borrowed != null) {
                        owned.add(borrowed);
                        return borrowed;
                    }
                }
                awaitOldest(); // not empty: every buffer we own is idle or in flight
            }
        }

        private void send(byte[] buffer, int length) {
            int partNumber = etags.size() + inFlight.size() + 1;
            inFlight.add(new InFlight(buffer, s3.uploadPart(bucket, key, uploadId, partNumber, buffer, length)));
        }

        /** Waits for the oldest part in flight; its buffer is free again only once its send has ended. */
        private void awaitOldest() throws IOException {
            InFlight oldest = inFlight.peek();
            String etag;
            try {
                etag = oldest.etag().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new S3StreamingClient.S3Exception("interrupted while sending a part", e);
            } catch (ExecutionException e) {
                inFlight.poll();
                release(oldest.buffer());
                throw e.getCause() instanceof IOException io ? io
                        : new S3StreamingClient.S3Exception("part failed", e.getCause());
            }
            inFlight.poll();
            release(oldest.buffer());
            etags.add(etag);
        }

        /** Keeps a sent part's buffer for the next part, or gives a borrowed one back if it is not needed. */
        private void release(byte[] buffer) {
            if (owned.size() > 2 && (!free.isEmpty() || buffers.wanted())) {
                owned.remove(buffer);
                buffers.give(buffer);
            } else {
                free.add(buffer);
            }
        }

        /** Waits for parts still being sent (their buffers go back to the pool only then). */
        private void awaitQuietly() {
            while (!inFlight.isEmpty()) {
                InFlight part = inFlight.poll();
                try {
                    part.etag().join();
                } catch (RuntimeException e) {
                    // already failing: the abort covers it
                }
            }
        }

        private void abort(Throwable cause) {
            awaitQuietly();
            if (uploadId == null) {
                return;
            }
            if (cause instanceof S3StreamingClient.S3Exception) {
                // S3 itself is in trouble (e.g. stalled): answer now, abort once it takes calls again
                log.debug("Aborting multipart upload of {}/{} in the background after {}", bucket, key, cause.toString());
                abortLater(bucket, key, uploadId, 1, FIRST_ABORT_RETRY);
                return;
            }
            try {
                s3.abortMultipartUpload(bucket, key, uploadId);
                log.debug("Aborted multipart upload of {}/{} after {}", bucket, key, cause.toString());
            } catch (IOException | RuntimeException e) {
                log.info("Could not abort multipart upload of {}/{} now, retrying in the background: {}", bucket, key,
                        e.toString());
                abortLater(bucket, key, uploadId, 2, FIRST_ABORT_RETRY);
            }
        }

        private void deleteQuietly() {
            try {
                s3.deleteObject(bucket, key);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not delete {}/{} after a failed upload: {}", bucket, key, e.toString());
            }
        }

        private Map<String, String> sha256Metadata() {
            return Map.of("sha256", HEX.formatHex(digestSoFar()));
        }

        private byte[] digestSoFar() {
            try {
                return ((MessageDigest) sha256.clone()).digest();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }

        private byte[] take() {
            byte[] buffer = buffers.take();
            owned.add(buffer);
            return buffer;
        }
    }

    private record InFlight(byte[] buffer, CompletableFuture<String> etag) {
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
