package io.catalogingest.common;

import java.util.ArrayList;
import java.util.List;

import io.catalogingest.common.catalog.CatalogMessages;
import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.common.envelope.MessageTypes;
import io.catalogingest.common.promotion.PromotionMessages;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.review.ReviewMessages;
import io.catalogingest.common.workspace.WorkspaceMessages;

/** The registry of every message type of the pipeline, for codecs. */
public final class Messages {

    private Messages() {
    }

    public static MessageTypes registry() {
        List<MessageType<?>> all = new ArrayList<>(CatalogMessages.ALL);
        all.addAll(ReleaseMessages.ALL);
        all.addAll(ReviewMessages.ALL);
        all.addAll(PromotionMessages.ALL);
        all.addAll(WorkspaceMessages.ALL);
        return new MessageTypes(all);
    }
}
