package io.catalogingest.support.outage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database half of {@link DependencyHealth}, for a service that uses the database but neither creates topics nor
 * reads S3 (the webhook-dispatcher): the Flyway strategy that lets the service start while the database is down and
 * migrates once it is back ({@link SchemaMigration}), and the {@code schema} health indicator (migrations applied).
 */
@Configuration(proxyBeanMethods = false)
public class SchemaHealth {

    @Bean
    SchemaMigration schemaMigration() {
        return new SchemaMigration();
    }

    @Bean
    HealthIndicator schemaHealthIndicator(SchemaMigration migration) {
        return () -> migration.migrated() ? Health.up().build()
                : Health.down().withDetail("reason", "migrations not applied yet").build();
    }
}
