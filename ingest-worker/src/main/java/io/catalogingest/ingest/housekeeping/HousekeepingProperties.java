package io.catalogingest.ingest.housekeeping;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Pruning of the idempotency records ({@link Housekeeping}).
 *
 * @param enabled   whether this worker prunes (one service does; replicas share the work safely)
 * @param retention how long message ids, requests, their outcomes and idempotency keys are kept; at least 24 h,
 *                  the window in which a client may retry with the same {@code Idempotency-Key}
 * @param interval  how often the job runs
 * @param batch     rows deleted per statement (short transactions, no long locks)
 */
@Validated
@ConfigurationProperties("catalog.housekeeping")
public record HousekeepingProperties(@DefaultValue("true") boolean enabled,
                                     @NotNull @DefaultValue("48h") Duration retention,
                                     @NotNull @DefaultValue("1h") Duration interval,
                                     @Min(1) @Max(100_000) @DefaultValue("5000") int batch) {

    @AssertTrue(message = "retention must be at least 24h (clients retry with an Idempotency-Key for a day)")
    boolean isRetentionLongEnough() {
        return retention == null || retention.compareTo(Duration.ofHours(24)) >= 0;
    }
}
