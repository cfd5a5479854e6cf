package io.catalogingest.webhook.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The webhook settings and secret of a workspace, and its delivery log. */
@RegisterConstructorMapper(DeliveryDao.Setting.class)
@RegisterConstructorMapper(DeliveryDao.Delivery.class)
interface DeliveryDao {

    /** A webhook setting a workspace admin set. */
    record Setting(String name, String value, Instant updatedAt) {
    }

    /** A row of the delivery log. */
    record Delivery(String id, String tenantId, UUID eventId, String event, String eventType, String subject,
                    String requestId, Instant eventTime, String payload, String url, String status, int attempts,
                    int maxAttempts) {
    }

    @SqlQuery("""
            select name, value, updated_at from workspace_setting
            where tenant_id = :tenant and name in ('webhook-url', 'webhook-isActive', 'webhook-enabledEvents')
            """)
    List<Setting> settings(@Bind("tenant") String tenantId);

    /**
     * The workspaces among {@code tenantIds} whose events may need a delivery: webhooks on, or a delivery still pending
     * (webhooks turned off while it was being retried: it runs its course). Every other workspace's events are skipped.
     */
    @SqlQuery("""
            select tenant_id from workspace_setting
            where tenant_id = any(:tenants) and name = 'webhook-isActive' and lower(value) = 'true'
            union
            select tenant_id from webhook_delivery where tenant_id = any(:tenants) and status = 'pending'
            """)
    Set<String> mayDeliver(@Bind("tenants") String[] tenantIds);

    @SqlQuery("select secret from webhook_secret where tenant_id = :tenant")
    Optional<String> secret(@Bind("tenant") String tenantId);

    /** Starts the delivery of an event; nothing when the event already has one (read again after a crash). */
    @SqlUpdate("""
            insert into webhook_delivery (id, tenant_id, event_id, event, event_type, subject, request_id, event_time,
                                          payload, url, status, max_attempts)
            values (:id, :tenant, :eventId, :event, :eventType, :subject, :requestId, :eventTime, :payload, :url,
                    :status, :maxAttempts)
            on conflict (tenant_id, event_id) do nothing
            """)
    void start(@Bind("id") String id, @Bind("tenant") String tenantId, @Bind("eventId") UUID eventId,
               @Bind("event") String event, @Bind("eventType") String eventType, @Bind("subject") String subject,
               @Bind("requestId") String requestId, @Bind("eventTime") Instant eventTime,
               @Bind("payload") String payload, @Bind("url") String url, @Bind("status") String status,
               @Bind("maxAttempts") int maxAttempts);

    @SqlQuery("""
            select id, tenant_id, event_id, event, event_type, subject, request_id, event_time, payload, url, status,
                   attempts, max_attempts
            from webhook_delivery where tenant_id = :tenant and event_id = :eventId
            """)
    Optional<Delivery> byEvent(@Bind("tenant") String tenantId, @Bind("eventId") UUID eventId);

    @SqlUpdate("""
            update webhook_delivery
            set attempts = :attempt, status = :status, last_status_code = :statusCode, last_error = :error,
                next_retry_at = :nextRetryAt, url = :url, updated_at = now(),
                delivered_at = case when :status = 'success' then now() else delivered_at end
            where id = :id
            """)
    void attempted(@Bind("id") String id, @Bind("attempt") int attempt, @Bind("status") String status,
                   @Bind("statusCode") Integer statusCode, @Bind("error") String error,
                   @Bind("nextRetryAt") Instant nextRetryAt, @Bind("url") String url);

    /**
     * Claims the re-sends the gateway asked for: clears the request and starts the attempts over. {@code skip locked}
     * lets several dispatchers poll without taking the same one.
     */
    @Transaction
    default List<Delivery> claimResends(int limit) {
        List<Delivery> claimed = resendsRequested(limit);
        claimed.forEach(delivery -> restart(delivery.id()));
        return claimed;
    }

    @SqlQuery("""
            select id, tenant_id, event_id, event, event_type, subject, request_id, event_time, payload, url, status,
                   attempts, max_attempts
            from webhook_delivery where resend_requested_at is not null
            order by resend_requested_at limit :limit for update skip locked
            """)
    List<Delivery> resendsRequested(@Bind("limit") int limit);

    @SqlUpdate("""
            update webhook_delivery set resend_requested_at = null, attempts = 0, status = 'pending',
                next_retry_at = null, updated_at = now()
            where id = :id
            """)
    void restart(@Bind("id") String id);
}
