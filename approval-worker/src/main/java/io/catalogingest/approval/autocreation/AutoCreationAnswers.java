package io.catalogingest.approval.autocreation;

import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.catalogingest.common.Ids;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.promotion.ProductCreatedFromRelease;
import io.catalogingest.common.promotion.ProductFromReleaseFailed;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.messaging.PoisonMessageException;

/**
 * The ingest-worker's answers to CreateProductFromRelease, read from the catalog event topic: a created product
 * completes its release, a failure is recorded on it ({@link ReleaseCompletion}).
 */
@Service
class AutoCreationAnswers implements MessageHandlers {

    /** The {@code ce_type}s of the answers: the listener skips every other record on its header. */
    static final Set<String> TYPES = Set.of(PromotionMessages.PRODUCT_CREATED_FROM_RELEASE.id(),
            PromotionMessages.PRODUCT_FROM_RELEASE_FAILED.id());

    private final ReleaseCompletion completion;

    AutoCreationAnswers(ReleaseCompletion completion) {
        this.completion = completion;
    }

    /** Events, read for their content: of any key. */
    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.CATALOG_EVENTS, PromotionMessages.PRODUCT_CREATED_FROM_RELEASE, KeyRule.any(),
                        this::created)
                .each(Topics.CATALOG_EVENTS, PromotionMessages.PRODUCT_FROM_RELEASE_FAILED, KeyRule.any(), this::failed);
    }

    void created(Envelope<ProductCreatedFromRelease> answer) {
        ProductCreatedFromRelease created = answer.payload();
        completion.complete(answer.tenantId(), releaseId(created.releaseId()), answer.requestId(),
                created.productId(), created.upc(), created.format());
    }

    void failed(Envelope<ProductFromReleaseFailed> answer) {
        ProductFromReleaseFailed failed = answer.payload();
        completion.fail(answer.tenantId(), releaseId(failed.releaseId()), answer.requestId(), failed.productId(),
                "creation", reason(failed), failed.errors());
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
