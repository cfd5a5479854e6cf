package io.catalogingest.webhook.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Refuses webhook targets inside the deployment's network (server-side request forgery): a URL whose host resolves to
 * a loopback, private, link-local (cloud metadata), carrier-grade NAT, unspecified, multicast or otherwise reserved
 * address, unless {@code catalog.webhooks.allow-private-targets} is on (a laptop, the tests). Checked before every
 * attempt, as DNS answers change; the HTTP client then resolves again, so a DNS server that answers differently within
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
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                return isPublicIpv4(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
            }
        }
        return true;
    }

    private static boolean isPublicIpv4(byte[] bytes) {
        int a = bytes[0] & 0xff;
        int b = bytes[1] & 0xff;
        return !(a == 0 || a == 10 || a == 127 || a >= 224                 // this network, private, loopback, multicast+
                || a == 100 && b >= 64 && b <= 127                         // carrier-grade NAT
                || a == 169 && b == 254                                    // link-local, cloud metadata
                || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168  // private
                || a == 192 && b == 0 && (bytes[2] & 0xff) == 0            // IETF protocol assignments
                || a == 198 && (b == 18 || b == 19));                      // benchmarking
    }
}
