package io.catalogingest.ingest.product;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.dispatch.TopicApplier;
import io.catalogingest.support.messaging.InboundRecords;

/**
 * Thin adapter: reads the catalog command topic a poll at a time (products, artists, assets, the workspace's
 * commands, auto-creation) and hands it to the one applier, which passes each run of one type to the feature that
 * registered it. Batch mode and its fetch settings are there for the product path (docs/benchmarks/products.md).
 */
@Component
class CatalogCommandListener {

    static final String CONTAINER_FACTORY = "catalogCommandContainerFactory";

    private final TopicApplier commands;

    CatalogCommandListener(InboundRecords inbound, List<MessageHandlers> features) {
        this.commands = HandlerRegistry.of(features).topic(Topics.CATALOG_COMMANDS, inbound);
    }

    @KafkaListener(id = "ingest-catalog-commands", groupId = "${catalog.ingest.group:ingest-worker}",
            topics = "${catalog.topics.prefix:}" + Topics.CATALOG_COMMANDS,
            concurrency = "${catalog.ingest.concurrency:2}",
            containerFactory = CONTAINER_FACTORY, batch = "true",
            properties = {
                    "max.poll.records=${catalog.ingest.batch.max-poll-records:2000}",
                    "fetch.min.bytes=${catalog.ingest.batch.fetch-min-bytes:1}",
                    "fetch.max.wait.ms=${catalog.ingest.batch.fetch-max-wait-ms:100}",
                    "max.partition.fetch.bytes=${catalog.ingest.batch.max-partition-fetch-bytes:4194304}"})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        commands.applyAll(records);
    }

    /**
     * The container factory of this listener: Spring Boot's settings and the worker's one error handler, in batch
     * mode.
     */
    @Configuration(proxyBeanMethods = false)
    static class Containers {

        @Bean(CONTAINER_FACTORY)
        ConcurrentKafkaListenerContainerFactory<Object, Object> catalogCommandContainerFactory(
                ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
                ConsumerFactory<Object, Object> consumerFactory) {
            ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                    new ConcurrentKafkaListenerContainerFactory<>();
            configurer.configure(factory, consumerFactory);
            factory.setBatchListener(true);
            // the offsets of a poll are committed without waiting for the coordinator's answer, so the next poll is
            // not held up by a round trip (docs/benchmarks/http.md). At-least-once is unchanged: a poll is committed
            // only after its records were applied and their events acknowledged; a commit that is lost redelivers
            // them, and the ledger (processed_message) applies each message once.
            factory.getContainerProperties().setSyncCommits(false);
            return factory;
        }
    }
}
