package io.catalogingest.common.envelope;

import java.util.List;

/** The topics of DESIGN.md §2, by their base names. A deployment may put a prefix in front (tests do). */
public final class Topics {

    public static final String CATALOG_COMMANDS = "catalog.catalog-commands.v1";
    public static final String RELEASE_COMMANDS = "catalog.release-commands.v1";
    public static final String RELEASE_REVIEWS = "catalog.release-reviews.v1";
    public static final String CATALOG_EVENTS = "catalog.catalog-events.v1";
    public static final String RELEASE_EVENTS = "catalog.release-events.v1";

    /** Suffix of the dead-letter topic that belongs to each topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public static final List<String> ALL = List.of(CATALOG_COMMANDS, RELEASE_COMMANDS, RELEASE_REVIEWS,
            CATALOG_EVENTS, RELEASE_EVENTS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
