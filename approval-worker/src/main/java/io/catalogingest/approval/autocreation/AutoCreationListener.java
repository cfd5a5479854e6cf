package io.catalogingest.approval.autocreation;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.dispatch.TopicApplier;
import io.catalogingest.support.messaging.InboundRecords;

/**
 * Thin adapter: reads the answers to CreateProductFromRelease from the catalog event topic (and skips, without
 * decoding, the many other catalog events there) and hands each to the one applier, which passes it to
 * {@link AutoCreationAnswers}. Throws; the error handler decides.
 */
@Component
class AutoCreationListener {

    private final TopicApplier answers;

    AutoCreationListener(InboundRecords inbound, List<MessageHandlers> features) {
        this.answers = HandlerRegistry.of(features).topic(Topics.CATALOG_EVENTS, inbound);
    }

    @KafkaListener(id = "approval-auto-creation-answers",
            groupId = "${catalog.approval.group:approval-worker}.auto-creation",
            topics = "${catalog.topics.prefix:}" + Topics.CATALOG_EVENTS,
            concurrency = "${catalog.approval.answer-concurrency:1}")
    void on(ConsumerRecord<String, byte[]> record) {
        answers.applyIfHandled(record);
    }
}
