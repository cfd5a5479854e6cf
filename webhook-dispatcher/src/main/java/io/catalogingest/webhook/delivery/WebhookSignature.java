package io.catalogingest.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature header of a delivery, {@code X-Catalog-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}, computed
 * over {@code <t>.<body>} with the workspace's secret. A receiver recomputes it, compares in constant time, and
 * refuses a {@code t} that is too old (replays).
 */
final class WebhookSignature {

    static final String HEADER = "X-Catalog-Signature";

    private WebhookSignature() {
    }

    static String header(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body);
    }

    static String hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
