package io.catalogingest.ingest.housekeeping;

import java.time.Instant;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Deletes of the idempotency records older than a cutoff, oldest first, at most {@code batch} rows per statement
 * (over the indexes of migration V10). Each returns the number of rows deleted.
 */
interface HousekeepingDao {

    /**
     * Requests that have an outcome, or whose command the broker acknowledged and that name no upload; a request
     * whose command may still arrive stays.
     */
    @SqlUpdate("""
            delete from request where ctid in (
                select r.ctid from request r
                where r.created_at < :cutoff
                  and (exists (select 1 from request_outcome o where o.request_id = r.request_id)
                       or (r.publication = 'sent' and r.object_key is null))
                order by r.created_at limit :batch)""")
    int pruneRequests(@Bind("cutoff") Instant cutoff, @Bind("batch") int batch);

    @SqlUpdate("""
            delete from request_outcome where ctid in (
                select ctid from request_outcome where completed_at < :cutoff
                order by completed_at limit :batch)""")
    int pruneOutcomes(@Bind("cutoff") Instant cutoff, @Bind("batch") int batch);

    @SqlUpdate("""
            delete from processed_message where ctid in (
                select ctid from processed_message where processed_at < :cutoff
                order by processed_at limit :batch)""")
    int pruneProcessedMessages(@Bind("cutoff") Instant cutoff, @Bind("batch") int batch);
}
