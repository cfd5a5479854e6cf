package io.catalogingest.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import io.catalogingest.support.messaging.MessagingConfiguration;
import io.catalogingest.support.outage.DependencyHealth;
import io.catalogingest.support.messaging.WorkerErrorHandling;
import io.catalogingest.support.operations.DeadLetterDepth;
import io.catalogingest.support.persistence.OutboxRelay;
import io.catalogingest.support.persistence.PersistenceConfiguration;
import io.catalogingest.support.secrets.InsecureDefaults;
import io.catalogingest.support.storage.StorageConfiguration;

/** The single writer of catalog state: consumes catalog and release commands. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({MessagingConfiguration.class, WorkerErrorHandling.class, PersistenceConfiguration.class, OutboxRelay.class,
        StorageConfiguration.class, DependencyHealth.class, InsecureDefaults.class, DeadLetterDepth.class})
public class IngestWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestWorkerApplication.class, args);
    }
}
