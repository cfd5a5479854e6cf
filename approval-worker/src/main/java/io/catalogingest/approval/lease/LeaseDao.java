package io.catalogingest.approval.lease;

import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The fence of a driver's writes, inside the caller's transaction ({@code handle.attach}). */
interface LeaseDao {

    /** A row when the lease holds the approval row, which is then locked until the transaction ends. */
    @SqlQuery("""
            select 1 from release_approval
            where release_id = :releaseId and lease_owner = :owner and lease_epoch = :epoch
            for update""")
    Optional<Integer> lockIfHeld(@Bind("releaseId") UUID releaseId, @Bind("owner") String owner,
                                 @Bind("epoch") long epoch);
}
