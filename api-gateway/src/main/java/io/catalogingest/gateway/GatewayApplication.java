package io.catalogingest.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import io.catalogingest.support.messaging.MessagingConfiguration;
import io.catalogingest.support.operations.DeadLetterDepth;
import io.catalogingest.support.outage.DependencyHealth;
import io.catalogingest.support.persistence.PersistenceConfiguration;
import io.catalogingest.support.secrets.InsecureDefaults;
import io.catalogingest.support.storage.StorageConfiguration;

/** The HTTP gateway: authenticates, checks shape, streams uploads, publishes commands, answers from Postgres. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({MessagingConfiguration.class, PersistenceConfiguration.class, StorageConfiguration.class,
        DependencyHealth.class, InsecureDefaults.class, DeadLetterDepth.class})
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
