package io.catalogingest.webhook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Delivers the outcome events of the event topics to each workspace's webhook URL: its own consumer group, a reader
 * of the events (not a part of any worker's transaction), signed, in Kafka's order per key, retried with backoff.
 * It takes the shared settings and migrations of service-support, but none of the workers' messaging beans: it
 * publishes nothing, and the workers create the topics.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WebhookDispatcherApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebhookDispatcherApplication.class, args);
    }
}
