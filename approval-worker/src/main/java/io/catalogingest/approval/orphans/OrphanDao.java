package io.catalogingest.approval.orphans;

import java.util.List;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What owns a temporary object, for the orphan sweeper (on demand). */
interface OrphanDao {

    /**
     * Those of the keys that something owns: a media row that was not refused registered it, or a request without an
     * outcome names it (its registration may still arrive).
     */
    @SqlQuery("""
            select upload_key from media
            where status <> 'rejected' and upload_key = any(cast(:keys as text[]))
            union
            select r.object_key from request r
            where r.object_key = any(cast(:keys as text[]))
              and not exists (select 1 from request_outcome o where o.request_id = r.request_id)""")
    List<String> owned(@Bind("keys") String[] keys);
}
