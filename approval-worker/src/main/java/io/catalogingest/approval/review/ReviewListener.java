package io.catalogingest.approval.review;

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
 * Thin adapter: reads review events and hands each to the one applier, which passes it to {@link ReleaseReview}.
 * Throws; the error handler decides.
 */
@Component
class ReviewListener {

    private final TopicApplier reviews;

    ReviewListener(InboundRecords inbound, List<MessageHandlers> features) {
        this.reviews = HandlerRegistry.of(features).topic(Topics.RELEASE_REVIEWS, inbound);
    }

    @KafkaListener(id = "approval-release-reviews", groupId = "${catalog.approval.group:approval-worker}",
            topics = "${catalog.topics.prefix:}" + Topics.RELEASE_REVIEWS,
            concurrency = "${catalog.approval.review-concurrency:2}")
    void on(ConsumerRecord<String, byte[]> record) {
        reviews.apply(record);
    }
}
