package io.catalogingest.common.envelope;

/**
 * A message about one aggregate (a product, an artist, a release ...). It travels keyed by that aggregate's id — the
 * Kafka record key and {@code ce_subject} — so that everything about the aggregate stays in order on one partition
 * (DESIGN.md §2). Each topic's messages implement a sealed interface of their own that extends this one
 * ({@code CatalogCommand}, {@code ReleaseCommand}, {@code ReviewDecision}, ...), so the records a topic carries are
 * listed in one place.
 */
public interface AggregateMessage {

    /** The id of the aggregate the message is about, as its payload names it (null if it names none). */
    String aggregateId();
}
