package io.catalogingest.approval.autocreation;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.messaging.InboundRecords;

/**
 * Thin adapter: reads the answers to CreateProductFromRelease from the catalog event topic a poll at a time (and
 * skips, without decoding, the many other catalog events there) and hands them to the one applier, which passes each
 * to {@link AutoCreationAnswers}. Throws; the error handler decides. Its fetches wait for a batch
 * ({@code catalog.approval.answers-fetch-*}, ADR 0026): answers are asynchronous, a product create's event costs
 * this worker next to nothing.
 */
@Component
class AutoCreationListener {

    private final AnswerRecords answers;

    AutoCreationListener(InboundRecords inbound, List<MessageHandlers> features) {
        this.answers = new AnswerRecords(HandlerRegistry.of(features).topic(Topics.CATALOG_EVENTS, inbound),
                AutoCreationAnswers.TYPES);
    }

    @KafkaListener(id = "approval-auto-creation-answers",
            groupId = "${catalog.approval.group:approval-worker}.auto-creation",
            topics = "${catalog.topics.prefix:}" + Topics.CATALOG_EVENTS,
            concurrency = "${catalog.approval.answer-concurrency:1}",
            batch = "true",
            properties = {
                    "fetch.min.bytes=${catalog.approval.answers-fetch-min-bytes:1048576}",
                    "fetch.max.wait.ms=${catalog.approval.answers-fetch-max-wait-ms:100}"})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        answers.applyHandled(records);
    }
}
