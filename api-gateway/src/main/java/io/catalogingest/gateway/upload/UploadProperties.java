package io.catalogingest.gateway.upload;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Limits and tuning of streamed uploads ({@code catalog.upload.*}).
 *
 * <p>Heap held by uploads is at most {@code 2 × maxConcurrentUploads × partSize} (the part buffers, pooled and
 * reused; 128 MiB with the defaults) plus a 64 KiB read buffer per request; nothing is written to disk.
 *
 * @param maxFileSize          largest file accepted (413 above)
 * @param maxRequestSize       largest multipart body accepted (413 above; checked against Content-Length first)
 * @param maxFilesPerRequest   most file parts in one request (413 above)
 * @param maxFields            most text fields in one request (413 above)
 * @param maxFieldSize         largest text field (413 above)
 * @param maxPartHeaderSize    largest header block of one part (long file names need room)
 * @param maxConcurrentUploads requests reading upload bodies at the same time, per gateway (503 above)
 * @param admissionWait        how long a request may wait for an upload slot before the 503
 * @param retryAfter           the {@code Retry-After} of a 503
 * @param partSize             S3 multipart part size; a file smaller than this is stored with one PUT
 * @param partsInFlight        most parts of one file sent to S3 at once while the next is read; more than one only
 *                             while the buffer budget has room (a lone upload gets them, eight at once get one each)
 * @param sha256Metadata       which objects get the {@code x-amz-meta-sha256} user metadata at upload time. By
 *                             default only single-PUT objects: stamping a multipart object means copying it onto
 *                             itself, a full rewrite on some S3 servers. The hash is always recorded with the media
 *                             row, and promotion stamps it on the permanent copy.
 * @param storageTimeout       longest CompleteMultipartUpload (the S3 server assembles a large object before it
 *                             answers)
 * @param stallTimeout         longest any other S3 call may go without progress (no bytes taken, no answer): an
 *                             upload into a stalled S3 server fails with a 503 after about this long, its multipart
 *                             upload is aborted in the background, and nothing is registered
 * @param singlePut            a request's only file larger than {@code partSize}, when the request has a
 *                             Content-Length, goes to S3 as one streamed PUT of its known length instead of a
 *                             multipart upload ({@link MultipartUploadReader#forSingleFile}); S3Proxy's reassembly of
 *                             multipart uploads is the largest cost of a large upload (docs/benchmarks/uploads.md)
 */
@Validated
@ConfigurationProperties("catalog.upload")
public record UploadProperties(@NotNull @DefaultValue("2GB") DataSize maxFileSize,
                               @NotNull @DefaultValue("4GB") DataSize maxRequestSize,
                               @Positive @Max(1000) @DefaultValue("20") int maxFilesPerRequest,
                               @Positive @Max(1000) @DefaultValue("50") int maxFields,
                               @NotNull @DefaultValue("64KB") DataSize maxFieldSize,
                               @NotNull @DefaultValue("8KB") DataSize maxPartHeaderSize,
                               @Positive @DefaultValue("8") int maxConcurrentUploads,
                               @NotNull @DefaultValue("0s") Duration admissionWait,
                               @NotNull @DefaultValue("5s") Duration retryAfter,
                               @NotNull @DefaultValue("8MB") DataSize partSize,
                               @Positive @Max(16) @DefaultValue("3") int partsInFlight,
                               @NotNull @DefaultValue("single-put-objects") Sha256Metadata sha256Metadata,
                               @NotNull @DefaultValue("5m") Duration storageTimeout,
                               @NotNull @DefaultValue("15s") Duration stallTimeout,
                               @DefaultValue("true") boolean singlePut) {

    /** S3's smallest part (all but the last). */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Kept well below the largest Java array. */
    static final long MAX_PART_SIZE = 512L * 1024 * 1024;
    /** S3's most parts of one multipart upload. */
    static final long MAX_PARTS = 10_000;

    @ConstructorBinding
    public UploadProperties {
        if (partSize != null && (partSize.toBytes() < MIN_PART_SIZE || partSize.toBytes() > MAX_PART_SIZE)) {
            throw new IllegalArgumentException("catalog.upload.part-size must be between 5MB and 512MB, not " + partSize);
        }
        if (maxFileSize != null && partSize != null && maxFileSize.toBytes() > partSize.toBytes() * MAX_PARTS) {
            throw new IllegalArgumentException("catalog.upload.max-file-size " + maxFileSize + " needs more than "
                    + MAX_PARTS + " parts of " + partSize + ": raise catalog.upload.part-size");
        }
        requirePositive("max-file-size", maxFileSize);
        requirePositive("max-request-size", maxRequestSize);
        requirePositive("max-field-size", maxFieldSize);
        requirePositive("max-part-header-size", maxPartHeaderSize);
        if (maxFieldSize != null && maxFieldSize.toBytes() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("catalog.upload.max-field-size is far too large: " + maxFieldSize);
        }
        if (maxPartHeaderSize != null && maxPartHeaderSize.toBytes() > 1024 * 1024) {
            throw new IllegalArgumentException("catalog.upload.max-part-header-size is far too large: " + maxPartHeaderSize);
        }
    }

    /** The settings without {@code singlePut} (on). */
    public UploadProperties(DataSize maxFileSize, DataSize maxRequestSize, int maxFilesPerRequest, int maxFields,
                            DataSize maxFieldSize, DataSize maxPartHeaderSize, int maxConcurrentUploads,
                            Duration admissionWait, Duration retryAfter, DataSize partSize, int partsInFlight,
                            Sha256Metadata sha256Metadata, Duration storageTimeout, Duration stallTimeout) {
        this(maxFileSize, maxRequestSize, maxFilesPerRequest, maxFields, maxFieldSize, maxPartHeaderSize,
                maxConcurrentUploads, admissionWait, retryAfter, partSize, partsInFlight, sha256Metadata, storageTimeout,
                stallTimeout, true);
    }

    /** Which stored objects carry the SHA-256 as user metadata {@code sha256}. */
    public enum Sha256Metadata {
        /**
         * Every object. A file larger than one part is sent before its hash is known, so the object is then
         * copied onto itself with the metadata: a metadata-only update on MinIO, a server-side copy on S3,
         * a full rewrite on S3Proxy.
         */
        ALL_OBJECTS,
        /**
         * Only objects stored with one PUT (files up to {@code partSize}); larger objects carry none, and the
         * hash travels in {@link StoredObject#sha256Hex()} only.
         */
        SINGLE_PUT_OBJECTS
    }

    private static void requirePositive(String name, DataSize size) {
        if (size != null && size.toBytes() <= 0) {
            throw new IllegalArgumentException("catalog.upload." + name + " must be positive, not " + size);
        }
    }
}
