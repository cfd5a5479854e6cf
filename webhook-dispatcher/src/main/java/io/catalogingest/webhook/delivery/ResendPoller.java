package io.catalogingest.webhook.delivery;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

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
        for (DeliveryDao.Delivery requested : deliveries.claimResends(BATCH)) {
            log.info("Re-sending webhook {} of workspace {}", requested.id(), requested.tenantId());
            delivery.resend(requested);
        }
    }
}
