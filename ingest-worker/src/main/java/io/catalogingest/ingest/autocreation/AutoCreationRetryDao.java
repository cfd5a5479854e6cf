package io.catalogingest.ingest.autocreation;

import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import io.catalogingest.common.ReleaseId;

/**
 * What retrying a failed auto-creation changes, inside the caller's transaction with the release's row locked: the
 * recorded failure goes, the release is pending again, and the approval is due again with a new command id (the
 * approval-worker's poll drives it; the raised epoch fences any driver still holding an old lease).
 */
@RegisterConstructorMapper(AutoCreationRetryDao.State.class)
interface AutoCreationRetryDao {

    /** The release's status and auto-creation status (JSON names; the latter may be null). */
    record State(String status, String autoCreationStatus) {
    }

    @SqlQuery("""
            select status, auto_creation_status from release where tenant_id = :tenantId and id = :id for update""")
    Optional<State> lock(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);

    /**
     * Makes a failed approval due again with {@code commandId}; returns the stage it starts from, empty when the
     * release has no failed approval.
     */
    @SqlQuery("""
            update release_approval set command_id = :commandId,
                stage = case when exists (select 1 from media where release_id = :id and status = 'registered')
                             then 'promoting' else 'creating' end,
                lease_owner = null, lease_until = null, lease_epoch = lease_epoch + 1, attempts = 0,
                last_error = null, finished_at = null, command_sent_at = null
            where release_id = :id and tenant_id = :tenantId and stage = 'failed'
            returning stage""")
    Optional<String> dueAgain(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId,
                              @Bind("commandId") UUID commandId);

    /** Forgets the recorded failure, so that the new command is applied, not answered from the record. */
    @SqlUpdate("delete from release_auto_creation where release_id = :id")
    void forgetOutcome(@Bind("id") ReleaseId releaseId);

    @SqlUpdate("""
            update release set auto_creation_status = 'pending', auto_creation_error = null, updated_at = now()
            where tenant_id = :tenantId and id = :id""")
    void markPending(@Bind("tenantId") String tenantId, @Bind("id") ReleaseId releaseId);
}
