package io.catalogingest.approval;

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

/** Applies review outcomes, promotes media to permanent storage, drives auto-creation, cleans orphans. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({MessagingConfiguration.class, WorkerErrorHandling.class, PersistenceConfiguration.class, OutboxRelay.class,
        StorageConfiguration.class, DependencyHealth.class, InsecureDefaults.class, DeadLetterDepth.class})
public class ApprovalWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApprovalWorkerApplication.class, args);
    }
}
