package io.catalogingest.webhook.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The dispatcher's one error handler: a failed attempt (or a database that is down) waits with the webhook backoff
 * and the same record is handed back, so nothing behind it on the partition overtakes it. It never gives up on a
 * record by itself: the delivery log decides when a delivery has had its attempts, and an event is never lost to a
 * database outage.
 */
@Configuration(proxyBeanMethods = false)
class DispatcherErrorHandling {

    @Bean
    DefaultErrorHandler dispatcherErrorHandler(WebhookProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialBackoff().toMillis(),
                properties.backoffMultiplier());
        backOff.setMaxInterval(properties.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
        }, backOff);
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
        return handler;
    }
}
