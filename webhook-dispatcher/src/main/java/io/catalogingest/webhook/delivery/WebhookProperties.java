package io.catalogingest.webhook.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered ({@code catalog.webhooks.*}).
 *
 * @param maxAttempts         attempts per delivery (Royalti: 3)
 * @param initialBackoff      the wait after the first failed attempt; each further wait is {@code backoffMultiplier}
 *                            times longer, at most {@code maxBackoff}
 * @param allowPrivateTargets whether URLs may resolve to loopback, private, link-local or other non-public
 *                            addresses; off by default so that webhooks cannot reach the deployment's own network
 * @param environment         {@code source.environment} of the envelope
 */
@ConfigurationProperties("catalog.webhooks")
record WebhookProperties(@DefaultValue("2") int concurrency,
                         @DefaultValue("3") int maxAttempts,
                         @DefaultValue("2s") Duration initialBackoff,
                         @DefaultValue("3.0") double backoffMultiplier,
                         @DefaultValue("30s") Duration maxBackoff,
                         @DefaultValue("5s") Duration connectTimeout,
                         @DefaultValue("10s") Duration requestTimeout,
                         @DefaultValue("false") boolean allowPrivateTargets,
                         @DefaultValue("5s") Duration resendPollInterval,
                         @DefaultValue("local") String environment) {

    WebhookProperties {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("catalog.webhooks.max-attempts must be 1 to 10");
        }
        if (backoffMultiplier < 1.0) {
            throw new IllegalArgumentException("catalog.webhooks.backoff-multiplier must be 1 or more");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    Duration backoffAfter(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(backoffMultiplier, attempt - 1);
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
