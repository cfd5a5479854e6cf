package io.catalogingest.webhook.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.catalogingest.support.net.PublicAddresses;

/**
 * Refuses webhook targets inside the deployment's network (server-side request forgery): a URL whose host resolves to
 * a loopback, private, link-local (cloud metadata), carrier-grade NAT, unspecified, multicast or otherwise reserved
 * address ({@link PublicAddresses}, the rule media links follow too), unless
 * {@code catalog.webhooks.allow-private-targets} is on (a laptop, the tests). Checked before every attempt, as DNS
 * answers change; the HTTP client then resolves again, so a DNS server that answers differently within
 * seconds can still get through (see docs/webhooks.md).
 */
@Component
class TargetGuard {

    private final boolean allowPrivate;

    TargetGuard(WebhookProperties properties) {
        this.allowPrivate = properties.allowPrivateTargets();
    }

    /** Why the URL may not be called; empty when it may. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("the webhook URL is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equalsIgnoreCase("https") && !scheme.equalsIgnoreCase("http") || uri.getHost() == null) {
            return Optional.of("the webhook URL must be an absolute http(s) URL");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!isPublic(address)) {
                    return Optional.of("the webhook host resolves to a non-public address, which this deployment "
                            + "does not call");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("the webhook host does not resolve");
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        return PublicAddresses.isPublic(address);
    }
}
