package io.catalogingest.ingest.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.catalog.CreateProduct;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.ingest.product.ProductIngestion;
import io.catalogingest.support.messaging.InboundRecords;
import io.catalogingest.support.messaging.PoisonMessageException;

/** Thin adapter: reads catalog commands and hands each to its feature. Throws; the error handler decides. */
@Component
class CatalogCommandListener {

    private final InboundRecords inbound;
    private final ProductIngestion products;

    CatalogCommandListener(InboundRecords inbound, ProductIngestion products) {
        this.inbound = inbound;
        this.products = products;
    }

    @KafkaListener(id = "ingest-catalog-commands", groupId = "${catalog.ingest.group:ingest-worker}",
            topics = "${catalog.topics.prefix:}" + Topics.CATALOG_COMMANDS,
            concurrency = "${catalog.ingest.concurrency:2}")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<?> envelope = inbound.decode(record);
        if (envelope.payload() instanceof CreateProduct) {
            @SuppressWarnings("unchecked")
            Envelope<CreateProduct> command = (Envelope<CreateProduct>) envelope;
            products.create(command);
        } else {
            throw new PoisonMessageException(envelope.type() + " does not belong on the catalog command topic");
        }
    }
}
