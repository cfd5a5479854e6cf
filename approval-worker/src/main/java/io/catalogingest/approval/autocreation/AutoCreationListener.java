package io.catalogingest.approval.autocreation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.catalogingest.common.Ids;
import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.reviews.ProductCreatedFromRelease;
import io.catalogingest.common.reviews.ProductFromReleaseFailed;
import io.catalogingest.common.reviews.ReviewMessages;
import io.catalogingest.support.messaging.InboundRecords;
import io.catalogingest.support.messaging.PoisonMessageException;

/**
 * Thin adapter: reads the answers to CreateProductFromRelease from the catalog event topic (and skips, without
 * decoding, the many other catalog events there) and completes or fails the release. Throws; the error handler
 * decides.
 */
@Component
class AutoCreationListener {

    private static final Set<String> ANSWERS = Set.of(ReviewMessages.PRODUCT_CREATED_FROM_RELEASE.id(),
            ReviewMessages.PRODUCT_FROM_RELEASE_FAILED.id());

    private final InboundRecords inbound;
    private final ReleaseCompletion completion;

    AutoCreationListener(InboundRecords inbound, ReleaseCompletion completion) {
        this.inbound = inbound;
        this.completion = completion;
    }

    @KafkaListener(id = "approval-auto-creation-answers",
            groupId = "${catalog.approval.group:approval-worker}.auto-creation",
            topics = "${catalog.topics.prefix:}" + Topics.CATALOG_EVENTS,
            concurrency = "${catalog.approval.answer-concurrency:1}")
    void on(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || !ANSWERS.contains(new String(type.value(), UTF_8))) {
            return;
        }
        Envelope<?> envelope = inbound.decode(record);
        if (envelope.payload() instanceof ProductCreatedFromRelease created) {
            completion.complete(envelope.tenantId(), releaseId(created.releaseId()), envelope.requestId(),
                    created.productId(), created.upc(), created.format());
        } else if (envelope.payload() instanceof ProductFromReleaseFailed failed) {
            completion.fail(envelope.tenantId(), releaseId(failed.releaseId()), envelope.requestId(), "creation",
                    reason(failed), failed.errors());
        }
    }

    private static String reason(ProductFromReleaseFailed failed) {
        if (failed.errors().isEmpty()) {
            return failed.message();
        }
        return failed.message() + ": " + String.join("; ", failed.errors().stream()
                .map(error -> error.field() == null ? error.message() : error.field() + ": " + error.message())
                .toList());
    }

    private static UUID releaseId(String text) {
        return Ids.uuid(text).orElseThrow(() -> new PoisonMessageException("releaseId '" + text + "' is not a UUID"));
    }
}
