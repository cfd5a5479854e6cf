package io.catalogingest.ingest.revert;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How a revert copies promoted files back to the temporary bucket, {@code catalog.revert.*} (the same server-side
 * copy as promotion's {@code catalog.promotion.*}).
 *
 * @param multipartThreshold files larger than this are copied as a multipart copy of ranges (at most 5 GiB, the
 *                           largest single CopyObject)
 * @param partSize           size of each copied range (5 MiB to 5 GiB)
 */
@Validated
@ConfigurationProperties("catalog.revert")
public record RevertProperties(@NotNull @DefaultValue("5GB") DataSize multipartThreshold,
                        @NotNull @DefaultValue("512MB") DataSize partSize) {

    private static final long MIN_PART = 5L * 1024 * 1024;
    private static final long MAX_PART = 5L * 1024 * 1024 * 1024;

    public RevertProperties {
        if (partSize != null && (partSize.toBytes() < MIN_PART || partSize.toBytes() > MAX_PART)) {
            throw new IllegalArgumentException("catalog.revert.part-size must be between 5MB and 5GB, got "
                    + partSize);
        }
        if (multipartThreshold != null && multipartThreshold.toBytes() > MAX_PART) {
            throw new IllegalArgumentException("catalog.revert.multipart-threshold must be at most 5GB, got "
                    + multipartThreshold);
        }
    }
}
