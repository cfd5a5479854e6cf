package io.catalogingest.webhook.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

/** POSTs one signed delivery; never follows redirects (a redirect could lead anywhere the guard would refuse). */
@Component
class WebhookSender {

    /** What an attempt got: the receiver's status code, or the error that stopped it. */
    record Result(Integer statusCode, String error) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final HttpClient client;
    private final WebhookProperties properties;

    WebhookSender(WebhookProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Result send(String url, String deliveryId, String event, String body, String signature) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "catalog-ingest-webhooks/1")
                .header("X-Catalog-Event", event)
                .header("X-Catalog-Delivery", deliveryId)
                .header(WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return new Result(response.statusCode(), response.statusCode() / 100 == 2 ? null
                    : "the receiver answered " + response.statusCode());
        } catch (HttpTimeoutException e) {
            return new Result(null, "timeout");
        } catch (IOException e) {
            return new Result(null, "could not deliver: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        }
    }
}
