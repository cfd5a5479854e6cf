package io.catalogingest.gateway.release;

import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Who a release belongs to and where it is in its review: what decides whether a caller may edit it. */
@RegisterConstructorMapper(ReleaseAccessDao.Row.class)
interface ReleaseAccessDao {

    /** The release's owner (Royalti's TenantUserId), status (JSON name) and auto-creation status (may be null). */
    record Row(String ownerId, String status, String autoCreationStatus) {
    }

    @SqlQuery("""
            select owner_id, status, auto_creation_status from release where tenant_id = :tenantId and id = :id""")
    Optional<Row> find(@Bind("tenantId") String tenantId, @Bind("id") UUID releaseId);
}
