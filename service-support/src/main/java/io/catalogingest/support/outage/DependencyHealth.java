package io.catalogingest.support.outage;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

import io.catalogingest.support.messaging.TopicProperties;
import io.catalogingest.support.storage.StorageProperties;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;

/**
 * Starting and reporting while a dependency is down (DESIGN.md invariant 7, ADR 0008): the Flyway strategy that
 * retries in the background, the background creation of the topics, and one health indicator per dependency —
 * {@code schema} (migrations applied), {@code kafka} (the broker answers), {@code storage} (the S3 server answers) —
 * next to Spring Boot's {@code db}. The readiness group lists them (catalog-common.yml), so readiness is DOWN and
 * names the dependency while it is down. Each check is bounded ({@code catalog.health.timeout}). The Flyway strategy
 * and {@code schema} come from {@link SchemaHealth}, which a service without topics or S3 of its own imports alone
 * (the webhook-dispatcher).
 */
@Configuration(proxyBeanMethods = false)
@Import(SchemaHealth.class)
public class DependencyHealth {

    @Bean
    TopicCreation topicCreation(KafkaAdmin admin, TopicProperties topics) {
        return new TopicCreation(admin, topics);
    }

    @Bean(destroyMethod = "close")
    Admin healthAdmin(KafkaAdmin kafkaAdmin, @Value("${catalog.health.timeout:2s}") Duration timeout) {
        int millis = (int) timeout.toMillis();
        // the broker's address and the service's credentials (spring.kafka.*), with short timeouts
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return Admin.create(config);
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(Admin healthAdmin, TopicCreation topics,
                                         @Value("${catalog.health.timeout:2s}") Duration timeout) {
        return () -> {
            try {
                int nodes = healthAdmin.describeCluster(new DescribeClusterOptions()
                                .timeoutMs((int) timeout.toMillis())).nodes()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
                if (!topics.created()) {
                    return Health.down().withDetail("reason", topics.problem()).build();
                }
                return Health.up().withDetail("brokers", nodes).build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().build();
            } catch (Exception e) {
                return Health.down().withDetail("reason", "the broker does not answer").build();
            }
        };
    }

    @Bean
    HealthIndicator storageHealthIndicator(StorageProperties storage,
                                           @Value("${catalog.health.timeout:2s}") Duration timeout) {
        MinioClient client = MinioClient.builder().endpoint(storage.endpoint()).region(storage.region())
                .credentials(storage.accessKey(), storage.secretKey()).build();
        client.setTimeout(timeout.toMillis(), timeout.toMillis(), timeout.toMillis());
        return () -> {
            try {
                boolean exists = client.bucketExists(BucketExistsArgs.builder().bucket(storage.tempBucket()).build());
                return exists ? Health.up().build()
                        : Health.down().withDetail("reason", "bucket " + storage.tempBucket() + " is missing").build();
            } catch (Exception e) {
                return Health.down().withDetail("reason", "the S3 server does not answer").build();
            }
        };
    }
}
