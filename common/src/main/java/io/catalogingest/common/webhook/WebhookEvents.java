package io.catalogingest.common.webhook;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which events a workspace's webhook receives, and their names: the product, asset, release and media outcome events
 * of the two event topics, named in Royalti's style from their {@code ce_type} ({@code catalog.release.submitted.v1}
 * → {@code RELEASE_SUBMITTED}, {@code catalog.media.promoted.v1} → {@code MEDIA_PROMOTED}).
 */
public final class WebhookEvents {

    /** The aggregates whose outcome events are delivered. */
    public static final Set<String> CATEGORIES = Set.of("product", "asset", "release", "media");

    private WebhookEvents() {
    }

    /** The webhook event name of a message type, when a webhook delivers it. */
    public static Optional<String> nameOf(String ceType) {
        if (ceType == null || !ceType.startsWith("catalog.") || !ceType.matches("catalog\\.[a-z-]+\\.[a-z.-]+\\.v[0-9]+")) {
            return Optional.empty();
        }
        String withoutVersion = ceType.substring("catalog.".length(), ceType.lastIndexOf(".v"));
        String category = withoutVersion.substring(0, withoutVersion.indexOf('.'));
        if (!CATEGORIES.contains(category)) {
            return Optional.empty();
        }
        return Optional.of(withoutVersion.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
    }

    /** The category of an event name: {@code RELEASE_SUBMITTED} → {@code release}. */
    public static String categoryOf(String eventName) {
        int cut = eventName.indexOf('_');
        return (cut < 0 ? eventName : eventName.substring(0, cut)).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether an event is enabled by a workspace's {@code webhook-enabledEvents}: empty or {@code *} enables every
     * event; otherwise a comma-separated list of names, where {@code RELEASE_*} enables a whole category.
     */
    public static boolean enabled(String enabledEvents, String eventName) {
        if (enabledEvents == null || enabledEvents.isBlank() || enabledEvents.strip().equals("*")) {
            return true;
        }
        for (String entry : enabledEvents.split(",")) {
            String wanted = entry.strip();
            if (wanted.equals(eventName)
                    || wanted.endsWith("_*") && eventName.startsWith(wanted.substring(0, wanted.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
