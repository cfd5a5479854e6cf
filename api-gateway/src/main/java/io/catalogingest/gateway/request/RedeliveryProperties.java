package io.catalogingest.gateway.request;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The re-sending of commands the broker did not acknowledge in time ({@code catalog.gateway.redelivery.*}, ADR 0014).
 *
 * @param enabled        whether this replica runs a re-sender (every replica does; off only in a test that plays a
 *                       gateway which died right after answering)
 * @param interval       pause between two looks for commands that are due
 * @param firstDelay     how long after the unacknowledged publish a command is first sent again
 * @param maxDelay       the longest pause between two sends of one command (the pause doubles up to it)
 * @param batch          commands taken per look
 */
@Validated
@ConfigurationProperties("catalog.gateway.redelivery")
public record RedeliveryProperties(@DefaultValue("true") boolean enabled,
                                   @NotNull @DefaultValue("1s") Duration interval,
                                   @NotNull @DefaultValue("1s") Duration firstDelay,
                                   @NotNull @DefaultValue("15s") Duration maxDelay,
                                   @Min(1) @DefaultValue("100") int batch) {
}
