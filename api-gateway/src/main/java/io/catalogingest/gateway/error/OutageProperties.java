package io.catalogingest.gateway.error;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How the gateway answers while a dependency is down ({@code catalog.gateway.outage.*}). How fast it notices is set
 * per dependency: the pool's {@code connection-timeout} (database), {@code max.block.ms} and the publish wait
 * (broker), {@code catalog.upload.stall-timeout} (object storage).
 *
 * @param retryAfter the {@code Retry-After} of a 503 for an outage
 */
@Validated
@ConfigurationProperties("catalog.gateway.outage")
public record OutageProperties(@NotNull @DefaultValue("5s") Duration retryAfter) {
}
