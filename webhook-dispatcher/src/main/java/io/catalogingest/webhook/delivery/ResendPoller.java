package io.catalogingest.webhook.delivery;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.catalogingest.support.outage.Outages;

/** Picks up the re-sends admins asked for ({@code POST /tenant/webhooks/deliveries/{id}/retry}) and delivers them. */
@Component
class ResendPoller {

    private static final Logger log = LoggerFactory.getLogger(ResendPoller.class);
    private static final int BATCH = 10;

    private final DeliveryDao deliveries;
    private final WebhookDelivery delivery;

    ResendPoller(Jdbi jdbi, WebhookDelivery delivery) {
        this.deliveries = jdbi.onDemand(DeliveryDao.class);
        this.delivery = delivery;
    }

    @Scheduled(fixedDelayString = "${catalog.webhooks.resend-poll-interval:5s}")
    void poll() throws InterruptedException {
        List<DeliveryDao.Delivery> requested;
        try {
            requested = deliveries.claimResends(BATCH);
        } catch (RuntimeException e) {
            if (!Outages.isDatabaseOutage(e)) {
                throw e;
            }
            // the database is down or not migrated yet (readiness says so); the next poll tries again
            log.debug("Re-sends not polled: the database is unavailable ({})", e.getMessage());
            return;
        }
        for (DeliveryDao.Delivery resend : requested) {
            log.info("Re-sending webhook {} of workspace {}", resend.id(), resend.tenantId());
            delivery.resend(resend);
        }
    }
}
