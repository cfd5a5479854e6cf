package io.catalogingest.gateway.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * A workspace's signing secret (written here, and only here: ADR 0010) and its delivery log (written by the
 * webhook-dispatcher; the gateway only asks for re-sends).
 */
@RegisterConstructorMapper(WebhookAnswers.Delivery.class)
interface WebhookDao {

    String COLUMNS = """
            id, event, event_type, subject, request_id, event_time, url, status, attempts, max_attempts,
            last_status_code, last_error, next_retry_at, resend_requested_at, created_at, updated_at, delivered_at
            """;

    @SqlQuery("""
            insert into webhook_secret (tenant_id, secret) values (:tenant, :secret)
            on conflict (tenant_id) do update set secret = excluded.secret, created_at = now()
            returning created_at
            """)
    Instant storeSecret(@Bind("tenant") String tenantId, @Bind("secret") String secret);

    @SqlQuery("select created_at from webhook_secret where tenant_id = :tenant")
    Optional<Instant> secretCreatedAt(@Bind("tenant") String tenantId);

    @SqlQuery("select " + COLUMNS + """
             from webhook_delivery
            where tenant_id = :tenant and (cast(:status as text) is null or status = :status)
            order by created_at desc, id desc limit :limit
            """)
    List<WebhookAnswers.Delivery> deliveries(@Bind("tenant") String tenantId, @Bind("status") String status,
                                             @Bind("limit") int limit);

    @SqlQuery("select " + COLUMNS + " from webhook_delivery where tenant_id = :tenant and id = :id")
    Optional<WebhookAnswers.Delivery> delivery(@Bind("tenant") String tenantId, @Bind("id") String id);

    /** Asks the dispatcher to send a failed or cancelled delivery again; false when it is neither. */
    @SqlUpdate("""
            update webhook_delivery set resend_requested_at = now(), updated_at = now()
            where tenant_id = :tenant and id = :id and status in ('failed', 'cancelled')
            """)
    boolean requestResend(@Bind("tenant") String tenantId, @Bind("id") String id);
}
