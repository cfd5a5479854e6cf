package io.catalogingest.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    private static WebhookProperties properties(boolean allowPrivate) {
        return new WebhookProperties(1, 3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(10), allowPrivate, Duration.ofSeconds(5), "test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "fe80::1", "fd00::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::"})
    void nonPublicAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void loopbackUrlsAreRefusedUnlessTheDeploymentAllowsThem() {
        assertThat(new TargetGuard(properties(false)).refusal("http://127.0.0.1:9000/hooks")).isPresent();
        assertThat(new TargetGuard(properties(false)).refusal("http://localhost/hooks")).isPresent();
        assertThat(new TargetGuard(properties(false)).refusal("http://[::1]/hooks")).isPresent();
        assertThat(new TargetGuard(properties(true)).refusal("http://127.0.0.1:9000/hooks")).isEmpty();
        assertThat(new TargetGuard(properties(true)).refusal("ftp://127.0.0.1/hooks")).isPresent();
    }

    @Test
    void theSignatureIsAnHmacOfTheTimestampAndTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSignature.hmac("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(WebhookSignature.header("Jefe", 1700000000L, "{}"))
                .isEqualTo("t=1700000000,v1=" + WebhookSignature.hmac("Jefe", "1700000000.{}"));
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCeiling() {
        WebhookProperties webhooks = properties(false);
        assertThat(webhooks.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(webhooks.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(webhooks.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(webhooks.backoffAfter(10)).isEqualTo(Duration.ofSeconds(30));
    }
}
