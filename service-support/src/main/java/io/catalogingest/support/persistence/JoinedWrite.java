package io.catalogingest.support.persistence;

import java.util.Map;
import java.util.Set;

/**
 * A feature's own write made by the statement that records the outcomes and writes the outbox row (one round trip
 * instead of two; {@link AppliedOnce#processBatch(String, java.util.List, AppliedOnce.FastBatchStep,
 * AppliedOnce.BatchStep)}): one or more data-modifying CTEs ({@code products as (insert into … select … from
 * unnest(…))}, comma-separated, without the leading {@code with}) and the values of their parameters, bound by name.
 * The CTEs run whether or not anything reads them; a constraint they violate fails the whole statement.
 *
 * @param ctes      the CTEs' text; parameter names must not be among the outbox statement's ({@link #RESERVED})
 * @param arguments the value of each parameter the CTEs name
 */
public record JoinedWrite(String ctes, Map<String, Object> arguments) {

    /** The parameter names of the outbox statement ({@code OutboxDao.write}), taken. */
    public static final Set<String> RESERVED = Set.of("topics", "keys", "eventIds", "headers", "payloads",
            "requestIds", "tenants", "outcomes", "resourceTypes", "resourceIds", "statuses", "messages", "errors",
            "positions", "eventSources", "eventTopics", "eventSubjects", "eventTypes", "joined");

    public JoinedWrite {
        arguments = Map.copyOf(arguments);
        for (String name : arguments.keySet()) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("parameter :" + name + " is the outbox statement's");
            }
        }
    }
}
