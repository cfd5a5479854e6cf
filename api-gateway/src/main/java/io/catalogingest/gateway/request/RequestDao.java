package io.catalogingest.gateway.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The request registry (the one table the gateway writes) and the outcomes workers recorded (read only). */
@RegisterConstructorMapper(AcceptedRequest.class)
@RegisterConstructorMapper(RequestDao.OutcomeRow.class)
interface RequestDao {

    /** A row of {@code request_outcome}; {@code errors} as JSON text. */
    record OutcomeRow(UUID requestId, String tenantId, String outcome, String resourceType, String resourceId,
                      int httpStatus, String message, String errors, Instant completedAt) {
    }

    String ACCEPTED = """
            select request_id, tenant_id, kind, resource_id, idempotency_key, body_hash, created_at, publication
            from request""";
    String OUTCOMES = """
            select request_id, tenant_id, outcome, resource_type, resource_id, http_status, message, errors::text as errors,
                   completed_at
            from request_outcome""";

    /** Throws (a unique violation) when the tenant already used the request's idempotency key. */
    @SqlUpdate("""
            insert into request (request_id, tenant_id, kind, resource_id, idempotency_key, body_hash, object_key,
                                 publication)
            values (:requestId, :tenantId, :kind, :resourceId, :idempotencyKey, :bodyHash, :objectKey, :publication)""")
    void insert(@BindMethods AcceptedRequest request, @Bind("objectKey") String objectKey);

    @SqlUpdate("""
            update request set publication = :publication
            where request_id = any(cast(:requestIds as uuid[])) and publication <> 'sent'""")
    void published(@Bind("requestIds") UUID[] requestIds, @Bind("publication") String publication);

    @SqlUpdate("delete from request where request_id = :requestId and publication = 'pending'")
    void deletePending(@Bind("requestId") UUID requestId);

    @SqlQuery(ACCEPTED + " where tenant_id = :tenantId and idempotency_key = :key")
    Optional<AcceptedRequest> byIdempotencyKey(@Bind("tenantId") String tenantId, @Bind("key") String key);

    @SqlQuery(ACCEPTED + " where tenant_id = :tenantId and request_id = :requestId")
    Optional<AcceptedRequest> accepted(@Bind("tenantId") String tenantId, @Bind("requestId") UUID requestId);

    @SqlQuery(OUTCOMES + " where tenant_id = :tenantId and request_id = any(cast(:requestIds as uuid[]))")
    List<OutcomeRow> outcomes(@Bind("tenantId") String tenantId, @Bind("requestIds") UUID[] requestIds);
}
