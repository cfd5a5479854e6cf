package io.catalogingest.approval.orphans;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The cleanup of the temporary bucket, {@code catalog.orphans.*}. S3Proxy has no lifecycle rules, so objects that
 * no media row owns (uploads whose registration never came, files of rejected uploads, leftovers of a promotion)
 * are removed by this job.
 *
 * @param enabled  whether the job runs at all
 * @param interval time between runs (the first run comes one interval after startup)
 * @param minAge   only objects last modified longer ago than this are removed (an upload may be registered
 *                 moments after its object was written)
 * @param dryRun   only count and log what would be removed
 * @param batch    keys checked against the media table per query
 * @param incompleteUploadMinAge multipart uploads initiated longer ago than this and never completed are aborted
 *                 (longer than any upload can take)
 */
@Validated
@ConfigurationProperties("catalog.orphans")
public record OrphanProperties(@DefaultValue("true") boolean enabled,
                               @NotNull @DefaultValue("1h") Duration interval,
                               @NotNull @DefaultValue("24h") Duration minAge,
                               @DefaultValue("false") boolean dryRun,
                               @Min(1) @DefaultValue("500") int batch,
                               @NotNull @DefaultValue("24h") Duration incompleteUploadMinAge) {
}
