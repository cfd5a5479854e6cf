package io.catalogingest.approval.autocreation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.kafka.listener.BatchListenerFailedException;

import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.WireRecord;
import io.catalogingest.common.promotion.ProductCreatedFromRelease;
import io.catalogingest.common.promotion.ProductFromReleaseFailed;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.logging.LogContext;
import io.catalogingest.support.messaging.InboundRecords;
import tools.jackson.databind.json.JsonMapper;

/**
 * A poll of the catalog event topic as the auto-creation answers' listener gets it: the other events are skipped on
 * their header (a value nobody could read included), each answer is applied in log order with its ids in the MDC, and
 * a failing answer is named to the error handler with the answers after it left for the next poll.
 */
class AnswerRecordsTest {

    private static final String TENANT = "tenant-answers";
    private static final EnvelopeCodec CODEC = new EnvelopeCodec(Messages.registry(), JsonMapper.builder().build());

    private final List<String> applied = new ArrayList<>();
    private long offset;

    @Test
    void otherEventsAreSkippedUndecodedAndAFailingAnswerStopsThePollAtItsRecord() {
        Envelope<ProductCreatedFromRelease> first = created("release-1");
        Envelope<ProductFromReleaseFailed> failing = failed("release-2");
        Envelope<ProductCreatedFromRelease> after = created("release-3");
        ConsumerRecord<String, byte[]> failingRecord = record(failing);
        List<ConsumerRecord<String, byte[]>> poll = List.of(other(), record(first), other(), failingRecord, other(),
                record(after));

        assertThatThrownBy(() -> answers().applyHandled(poll))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        thrown -> assertThat(thrown.getRecord()).isSameAs(failingRecord));

        assertThat(applied).containsExactly("created release-1 " + first.id(), "failed release-2 " + failing.id());
        assertThat(MDC.get(LogContext.MESSAGE_ID)).as("the MDC is cleared after each answer").isNull();
    }

    @Test
    void aPollWithoutAnswersAppliesNothing() {
        answers().applyHandled(List.of(other(), other(), other()));

        assertThat(applied).isEmpty();
    }

    private AnswerRecords answers() {
        MessageHandlers handlers = registry -> registry
                .each(Topics.CATALOG_EVENTS, PromotionMessages.PRODUCT_CREATED_FROM_RELEASE, KeyRule.any(),
                        answer -> applied.add("created " + answer.payload().releaseId() + " "
                                + MDC.get(LogContext.MESSAGE_ID)))
                .each(Topics.CATALOG_EVENTS, PromotionMessages.PRODUCT_FROM_RELEASE_FAILED, KeyRule.any(), answer -> {
                    applied.add("failed " + answer.payload().releaseId() + " " + MDC.get(LogContext.MESSAGE_ID));
                    throw new IllegalStateException("the database refused it");
                });
        return new AnswerRecords(HandlerRegistry.of(List.of(handlers))
                .topic(Topics.CATALOG_EVENTS, new InboundRecords(CODEC)), AutoCreationAnswers.TYPES);
    }

    private static Envelope<ProductCreatedFromRelease> created(String releaseId) {
        return Envelope.create(PromotionMessages.PRODUCT_CREATED_FROM_RELEASE, "/ingest-worker",
                UUID.randomUUID().toString(), TENANT, UUID.randomUUID(),
                new ProductCreatedFromRelease(releaseId, UUID.randomUUID().toString(), "TEMP", null, List.of(), 0));
    }

    private static Envelope<ProductFromReleaseFailed> failed(String releaseId) {
        return Envelope.create(PromotionMessages.PRODUCT_FROM_RELEASE_FAILED, "/ingest-worker",
                UUID.randomUUID().toString(), TENANT, UUID.randomUUID(),
                new ProductFromReleaseFailed(releaseId, UUID.randomUUID().toString(), 400, "no", List.of()));
    }

    private ConsumerRecord<String, byte[]> record(Envelope<?> message) {
        WireRecord wire = CODEC.encode(message);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.CATALOG_EVENTS, 0, offset++, wire.key(),
                wire.value());
        wire.headers().forEach((name, value) -> record.headers().add(name, value));
        return record;
    }

    /** Another catalog event (a product create's), with a value that could not even be read. */
    private ConsumerRecord<String, byte[]> other() {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.CATALOG_EVENTS, 0, offset++,
                UUID.randomUUID().toString(), "not json".getBytes(UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, "catalog.product.created.v1".getBytes(UTF_8));
        return record;
    }
}
