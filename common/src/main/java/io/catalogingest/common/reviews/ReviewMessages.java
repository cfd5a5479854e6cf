package io.catalogingest.common.reviews;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;

/** Message types of release reviews, promotion and auto-creation, with their wire ids. */
public final class ReviewMessages {

    private ReviewMessages() {
    }

    /** Every review message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of();
}
