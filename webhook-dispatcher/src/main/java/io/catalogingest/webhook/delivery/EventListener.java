package io.catalogingest.webhook.delivery;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Topics;

/**
 * Thin adapter: the dispatcher's own consumer group on the two event topics; each poll goes to
 * {@link WebhookDelivery}, which reads once which of its workspaces have webhooks and delivers their events in order.
 * Its fetches wait for a batch ({@code catalog.webhooks.fetch-*}, ADR 0026). Throws; the error handler waits and
 * retries.
 */
@Component
class EventListener {

    private final WebhookDelivery delivery;

    EventListener(WebhookDelivery delivery) {
        this.delivery = delivery;
    }

    @KafkaListener(id = "webhook-dispatcher", groupId = "${catalog.webhooks.group:webhook-dispatcher}",
            topics = {"${catalog.topics.prefix:}" + Topics.CATALOG_EVENTS,
                    "${catalog.topics.prefix:}" + Topics.RELEASE_EVENTS},
            concurrency = "${catalog.webhooks.concurrency:2}",
            batch = "true",
            properties = {
                    "fetch.min.bytes=${catalog.webhooks.fetch-min-bytes:1048576}",
                    "fetch.max.wait.ms=${catalog.webhooks.fetch-max-wait-ms:500}"})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        delivery.onPoll(records);
    }
}
