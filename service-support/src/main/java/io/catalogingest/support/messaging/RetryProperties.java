package io.catalogingest.support.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Retries of a worker's failed records ({@code catalog.retry.*}), by the one error handler.
 *
 * @param initialInterval    the first wait; each next one doubles
 * @param maxInterval        the longest wait between two attempts at a failing record
 * @param maxElapsed         a failure that is not an outage is dead-lettered once its waits add up to this
 * @param outageMaxInterval  the longest wait between two attempts while a dependency is down; such a record is
 *                           retried until the dependency is back, never dead-lettered
 */
@Validated
@ConfigurationProperties("catalog.retry")
public record RetryProperties(@NotNull @DefaultValue("200ms") Duration initialInterval,
                              @NotNull @DefaultValue("5s") Duration maxInterval,
                              @NotNull @DefaultValue("30s") Duration maxElapsed,
                              @NotNull @DefaultValue("10s") Duration outageMaxInterval) {
}
