package io.catalogingest.support.net;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * External media links ({@code isLink: true}), {@code catalog.links.*}: which URLs the gateway accepts and how the
 * approval-worker fetches them when it promotes a release (docs/adr/0022-external-media-links.md).
 *
 * @param allowPrivateTargets let links reach loopback, private, link-local and other non-public addresses (a laptop,
 *                            the tests; never a shared deployment) — env {@code LINK_ALLOW_PRIVATE_TARGETS}
 * @param allowHttp           accept {@code http} links besides {@code https} (the tests' loopback server; never a
 *                            shared deployment) — env {@code LINK_ALLOW_HTTP}
 * @param maxUrlLength        the longest URL accepted, in characters
 * @param maxSize             the largest file a link may deliver; a longer body fails the promotion
 * @param connectTimeout      connecting to the link's host
 * @param readTimeout         the longest silence while reading the answer (a stalled server fails the promotion)
 * @param callTimeout         the whole fetch, from resolving the host to the last byte
 * @param partSize            the part size of the streamed multipart upload into the temporary bucket (at least 5 MiB)
 */
@Validated
@ConfigurationProperties("catalog.links")
public record LinkProperties(@DefaultValue("false") boolean allowPrivateTargets,
                             @DefaultValue("false") boolean allowHttp,
                             @Min(16) @Max(8192) @DefaultValue("2048") int maxUrlLength,
                             @NotNull @DefaultValue("2GB") DataSize maxSize,
                             @NotNull @DefaultValue("10s") Duration connectTimeout,
                             @NotNull @DefaultValue("30s") Duration readTimeout,
                             @NotNull @DefaultValue("30m") Duration callTimeout,
                             @NotNull @DefaultValue("8MB") DataSize partSize) {

    /** The deployment defaults: https only, public targets only. */
    public static LinkProperties defaults() {
        return new LinkProperties(false, false, 2048, DataSize.ofGigabytes(2), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMinutes(30), DataSize.ofMegabytes(8));
    }
}
