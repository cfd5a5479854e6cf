package io.catalogingest.support.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The dead-letter depth gauge ({@link DeadLetterDepth}).
 *
 * @param enabled  whether this service counts the dead-letter topics (one service is enough)
 * @param interval how often the depth is measured
 */
@Validated
@ConfigurationProperties("catalog.metrics.dead-letters")
public record DeadLetterProperties(@DefaultValue("true") boolean enabled,
                                   @NotNull @DefaultValue("30s") Duration interval) {
}
