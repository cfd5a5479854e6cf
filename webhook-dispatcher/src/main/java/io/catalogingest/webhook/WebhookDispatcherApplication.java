package io.catalogingest.webhook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.catalogingest.support.messaging.TopicProperties;
import io.catalogingest.support.operations.DeadLetterDepth;
import io.catalogingest.support.outage.SchemaHealth;
import io.catalogingest.support.secrets.InsecureDefaults;

/**
 * Delivers the outcome events of the event topics to each workspace's webhook URL: its own consumer group, a reader
 * of the events (not a part of any worker's transaction), signed, in Kafka's order per key, retried with backoff.
 * It takes the shared settings and migrations of service-support, but none of the workers' messaging beans: it
 * publishes nothing, and the workers create the topics. Like every service it starts while the database is down
 * ({@link SchemaHealth}, ADR 0008): readiness is DOWN naming {@code db} and {@code schema} until it is back and
 * migrated, and records wait in the error handler's backoff meanwhile. Like every service it refuses the published
 * development credentials outside the local profile ({@link InsecureDefaults}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({SchemaHealth.class, DeadLetterDepth.class, InsecureDefaults.class})
@EnableConfigurationProperties(TopicProperties.class)
public class WebhookDispatcherApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebhookDispatcherApplication.class, args);
    }
}
