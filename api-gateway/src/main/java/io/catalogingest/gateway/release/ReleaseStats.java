package io.catalogingest.gateway.release;

import java.util.LinkedHashMap;
import java.util.Map;

import io.catalogingest.common.release.ReleaseStatus;

/**
 * {@code GET /releases/stats}: Royalti's counters, and the count of every status they are made of. Royalti does not
 * say how its words map onto the statuses; ours (ADR 0023): drafts are {@code draft}, pending is {@code submitted}
 * (waiting for a review), rejected is {@code rejected}, scheduled is {@code approved} (the catalog entries are being
 * made, or their auto-creation failed and waits for a retry) and published is {@code completed}. Every release is in
 * exactly one counter, so the five add up to {@code total}.
 */
record ReleaseStats(long total, long totalPublished, long totalDrafts, long totalRejected, long totalPending,
                    long totalScheduled, Map<String, Long> byStatus) {

    static ReleaseStats of(Map<ReleaseStatus, Long> counts) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long total = 0;
        for (ReleaseStatus status : ReleaseStatus.values()) {
            long count = counts.getOrDefault(status, 0L);
            byStatus.put(status.jsonName(), count);
            total += count;
        }
        return new ReleaseStats(total, counts.getOrDefault(ReleaseStatus.COMPLETED, 0L),
                counts.getOrDefault(ReleaseStatus.DRAFT, 0L), counts.getOrDefault(ReleaseStatus.REJECTED, 0L),
                counts.getOrDefault(ReleaseStatus.SUBMITTED, 0L), counts.getOrDefault(ReleaseStatus.APPROVED, 0L),
                byStatus);
    }
}
