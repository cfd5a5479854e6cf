package io.catalogingest.webhook.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Topics;

/**
 * Thin adapter: the dispatcher's own consumer group on the two event topics; each record goes to
 * {@link WebhookDelivery}. Throws; the error handler waits and retries.
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
            concurrency = "${catalog.webhooks.concurrency:2}")
    void on(ConsumerRecord<String, byte[]> record) {
        delivery.on(record);
    }
}
