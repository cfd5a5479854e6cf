package io.catalogingest.approval.promotion;


import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How media are promoted from the temporary to the permanent bucket, {@code catalog.promotion.*}.
 *
 * @param parallelCopies         files copied at once, over all releases this worker promotes
 * @param multipartThreshold     objects larger than this are copied as a server-side multipart copy of ranges
 *                               (S3's single CopyObject stops at 5 GiB)
 * @param partSize               size of each copied range (at least 5 MiB; raised when an object would need more
 *                               than 10,000 parts)
 * @param requireSha256Metadata  refuse a temporary object without {@code sha256} user metadata (off, the default:
 *                               large uploads carry their hash only in the media row; size is checked, and the
 *                               permanent copy is stamped with the row's hash and must carry it)
 * @param failDeletes            TEST HOOK: the first n deletions of temporary objects fail after the copy was
 *                               verified (0 in production), to exercise the crash-between-copy-and-delete path
 * @param holdAfterCopy          TEST HOOK: the first n copies wait, once made, until {@link PromotionFaults#resume}
 *                               (0 in production), to pause a driver in the middle of a promotion
 */
@Validated
@ConfigurationProperties("catalog.promotion")
public record PromotionProperties(@Min(1) @Max(64) @DefaultValue("4") int parallelCopies,
                                  @NotNull @DefaultValue("5GB") DataSize multipartThreshold,
                                  @NotNull @DefaultValue("512MB") DataSize partSize,
                                  @DefaultValue("false") boolean requireSha256Metadata,
                                  @Min(0) @DefaultValue("0") int failDeletes,
                                  @Min(0) @DefaultValue("0") int holdAfterCopy) {

    static final long MIN_PART = 5L * 1024 * 1024;
    static final long MAX_PART = 5L * 1024 * 1024 * 1024;
    static final int MAX_PARTS = 10_000;

    public PromotionProperties {
        if (partSize != null && (partSize.toBytes() < MIN_PART || partSize.toBytes() > MAX_PART)) {
            throw new IllegalArgumentException("catalog.promotion.part-size must be between 5MB and 5GB, got "
                    + partSize);
        }
        if (multipartThreshold != null && multipartThreshold.toBytes() > MAX_PART) {
            throw new IllegalArgumentException("catalog.promotion.multipart-threshold must be at most 5GB (the "
                    + "largest single server-side copy), got " + multipartThreshold);
        }
    }

    /** The range size for an object of {@code size} bytes: the configured part size, or more for huge objects. */
    long partSizeFor(long size) {
        long part = partSize.toBytes();
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(part, needed);
    }
}
