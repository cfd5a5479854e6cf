package io.catalogingest.approval.review;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.reviews.ReleaseApproved;
import io.catalogingest.common.reviews.ReleaseRejected;
import io.catalogingest.support.messaging.InboundRecords;
import io.catalogingest.support.messaging.PoisonMessageException;

/** Thin adapter: reads review events and hands each to {@link ReleaseReview}. Throws; the error handler decides. */
@Component
class ReviewListener {

    private final InboundRecords inbound;
    private final ReleaseReview reviews;

    ReviewListener(InboundRecords inbound, ReleaseReview reviews) {
        this.inbound = inbound;
        this.reviews = reviews;
    }

    @KafkaListener(id = "approval-release-reviews", groupId = "${catalog.approval.group:approval-worker}",
            topics = "${catalog.topics.prefix:}" + Topics.RELEASE_REVIEWS,
            concurrency = "${catalog.approval.review-concurrency:2}")
    @SuppressWarnings("unchecked")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<?> envelope = inbound.decode(record);
        if (envelope.payload() instanceof ReleaseApproved) {
            reviews.approve((Envelope<ReleaseApproved>) envelope);
        } else if (envelope.payload() instanceof ReleaseRejected) {
            reviews.reject((Envelope<ReleaseRejected>) envelope);
        } else {
            throw new PoisonMessageException(envelope.type() + " does not belong on the release review topic");
        }
    }
}
