package io.catalogingest.common.releases;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;

/** Message types of releases, their media and their reviews, with their wire ids. */
public final class ReleaseMessages {

    private ReleaseMessages() {
    }

    /** Every release message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of();
}
