package io.catalogingest.support.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which IP addresses are on the public internet: the one rule behind every outbound call a client chooses the target
 * of (webhook URLs, media links), against server-side request forgery. Not public: unspecified, loopback, link-local
 * (cloud metadata at 169.254.169.254), private (RFC 1918, IPv6 unique local), carrier-grade NAT, multicast and the
 * reserved IPv4 blocks, and IPv4-mapped IPv6 addresses of any of these.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    public static boolean isPublic(InetAddress address) {
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
