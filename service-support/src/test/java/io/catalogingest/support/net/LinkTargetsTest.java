package io.catalogingest.support.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

class LinkTargetsTest {

    private static final LinkTargets STRICT = new LinkTargets(LinkProperties.defaults());
    private static final LinkTargets LOCAL = new LinkTargets(new LinkProperties(true, true, 2048,
            DataSize.ofGigabytes(2), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(30),
            DataSize.ofMegabytes(8)));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://files.example.com/a.wav | must be an https URL (http is not accepted)",
            "ftp://files.example.com/a.wav | must be an https URL",
            "file:///etc/passwd | must be an https URL",
            "javascript:alert(1) | must be an https URL",
            "https://user:secret@files.example.com/a.wav | must not contain credentials",
            "https://token@files.example.com/a.wav | must not contain credentials",
            "https:///a.wav | must name a host",
            "/a.wav | must be an https URL",
            "https://files example.com/a.wav | must be a valid URL"})
    void theFormIsCheckedBeforeAnyLookup(String url, String message) {
        assertThat(STRICT.formRefusal(url)).map(LinkTargets.Refusal::message).contains(message);
    }

    @Test
    void aUrlLongerThanTheLimitIsRefused() {
        String url = "https://files.example.com/" + "a".repeat(2048);
        assertThat(STRICT.formRefusal(url)).map(LinkTargets.Refusal::message)
                .contains("must be at most 2048 characters");
        assertThat(STRICT.formRefusal("https://files.example.com/a.wav?sig=abc")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "10.0.0.8", "172.16.4.4", "192.168.0.2", "169.254.169.254",
            "100.64.1.1", "0.0.0.0", "[::1]", "[fd00::1]", "[fe80::1]", "[::ffff:127.0.0.1]"})
    void nonPublicTargetsAreRefusedUnlessTheDeploymentAllowsThem(String host) {
        String url = "https://" + host + "/a.wav";
        assertThat(STRICT.refusal(url)).map(LinkTargets.Refusal::message)
                .hasValueSatisfying(message -> assertThat(message).contains("non-public address"));
        assertThat(LOCAL.refusal(url)).isEmpty();
        assertThat(LOCAL.refusal("http://" + host + "/a.wav")).isEmpty();
    }

    @Test
    void theResolverForTheFetchRefusesPrivateAddressesAndReturnsTheCheckedOnes() throws UnknownHostException {
        assertThatThrownBy(() -> STRICT.dns().lookup("127.0.0.1"))
                .isInstanceOf(LinkTargets.RefusedTargetException.class);
        assertThat(LOCAL.dns().lookup("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(STRICT.resolve("93.184.215.14")).containsExactly(InetAddress.getByName("93.184.215.14"));
    }

    @Test
    void theSocketsOfTheFetchRefuseToConnectToAPrivateAddress() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Socket refused = STRICT.socketFactory().createSocket();
             Socket allowed = LOCAL.socketFactory().createSocket()) {
            InetSocketAddress local = new InetSocketAddress("127.0.0.1", listening.getLocalPort());
            assertThatThrownBy(() -> refused.connect(local, 1000))
                    .isInstanceOf(LinkTargets.RefusedTargetException.class).hasMessageContaining("non-public");
            assertThat(refused.isConnected()).isFalse();
            allowed.connect(local, 1000);
            assertThat(allowed.isConnected()).isTrue();
        }
    }
}
