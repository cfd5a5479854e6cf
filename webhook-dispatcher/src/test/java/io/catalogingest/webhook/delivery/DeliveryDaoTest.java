package io.catalogingest.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/**
 * The dispatcher's question of a poll against real Postgres: which of its workspaces may need a delivery. Every other
 * workspace's events are skipped without a query of their own, so a workspace left out here would miss its webhooks.
 */
@CatalogInfrastructureTest
class DeliveryDaoTest {

    private static Jdbi jdbi;
    private static DeliveryDao deliveries;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = new DispatcherPersistence().jdbi(infrastructure.isolate().migratedDataSource());
        deliveries = jdbi.onDemand(DeliveryDao.class);
    }

    @Test
    void aPollAsksOnlyForTheWorkspacesWithWebhooksOnOrADeliveryStillPending() {
        setting("on", "webhook-isActive", "true");
        setting("on", "webhook-url", "https://hooks.example.com/on");
        setting("off", "webhook-isActive", "false");
        setting("off", "webhook-url", "https://hooks.example.com/off");
        delivery("off", WebhookDelivery.SUCCESS);
        setting("url-only", "webhook-url", "https://hooks.example.com/url-only");
        // turned off while a delivery was being retried: the delivery runs its course
        setting("off-pending", "webhook-isActive", "false");
        delivery("off-pending", WebhookDelivery.PENDING);
        delivery("off-pending", WebhookDelivery.FAILED);
        setting("elsewhere", "webhook-isActive", "true");

        assertThat(deliveries.mayDeliver(new String[] {"on", "off", "url-only", "off-pending", "none"}))
                .containsExactlyInAnyOrder("on", "off-pending");
        assertThat(deliveries.mayDeliver(new String[] {"none", "off"})).isEmpty();
    }

    @Test
    void aWorkspaceTurnedOnIsAskedForFromTheNextPoll() {
        assertThat(deliveries.mayDeliver(new String[] {"later"})).isEmpty();

        setting("later", "webhook-isActive", "true");

        assertThat(deliveries.mayDeliver(new String[] {"later"})).containsExactly("later");
    }

    private static void setting(String tenant, String name, String value) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into workspace_setting (tenant_id, name, value) values (:tenant, :name, :value)
                        on conflict (tenant_id, name) do update set value = excluded.value, updated_at = now()""")
                .bind("tenant", tenant).bind("name", name).bind("value", value).execute());
    }

    private static void delivery(String tenant, String status) {
        deliveries.start("whd_" + UUID.randomUUID(), tenant, UUID.randomUUID(), "RELEASE_CREATED",
                "catalog.release.created.v1", UUID.randomUUID().toString(), null, Instant.now(), "{}",
                "https://hooks.example.com/" + tenant, status, 3);
    }
}
