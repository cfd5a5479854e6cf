package io.catalogingest.approval.progress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How approved releases are driven to completion, {@code catalog.approval.*}.
 *
 * @param concurrentReleases releases this worker drives at once
 * @param pollInterval       how often unfinished approvals are looked for (a stopped worker's, or one to retry)
 * @param pollBatch          approvals taken per look
 * @param lease              how long a worker holds a release it drives before others may take over (renewed
 *                           after every promoted file)
 * @param resendAfter        CreateProductFromRelease is sent again (same id) when no answer came in this long
 * @param retryInitial       first wait after a transient failure; doubles per attempt
 * @param retryMax           longest wait between attempts
 */
@Validated
@ConfigurationProperties("catalog.approval")
public record ApprovalProperties(@Min(1) @Max(64) @DefaultValue("2") int concurrentReleases,
                                 @NotNull @DefaultValue("10s") Duration pollInterval,
                                 @Min(1) @DefaultValue("50") int pollBatch,
                                 @NotNull @DefaultValue("10m") Duration lease,
                                 @NotNull @DefaultValue("5m") Duration resendAfter,
                                 @NotNull @DefaultValue("1s") Duration retryInitial,
                                 @NotNull @DefaultValue("5m") Duration retryMax) {

    /** The wait before attempt {@code attempts + 1}. */
    Duration retryDelay(int attempts) {
        Duration delay = retryInitial;
        for (int i = 0; i < attempts && delay.compareTo(retryMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
