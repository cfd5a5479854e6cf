package io.catalogingest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * Services given by CATALOG_TEST_* variables are used as they are, and what tests created on them is
 * removed at the end. The variables here point at the services the extension already runs.
 */
@CatalogInfrastructureTest
class EnvironmentSourceTest {

    @Test
    void usesServicesFromTheEnvironmentAndRemovesWhatTestsCreatedThere(Infrastructure shared) throws Exception {
        Map<String, String> environment = Map.of(
                "CATALOG_TEST_KAFKA_BOOTSTRAP", shared.kafkaBootstrapServers(),
                "CATALOG_TEST_JDBC_URL", shared.jdbcUrl(),
                "CATALOG_TEST_JDBC_USER", shared.jdbcUser(),
                "CATALOG_TEST_JDBC_PASSWORD", shared.jdbcPassword(),
                "CATALOG_TEST_S3_ENDPOINT", shared.s3Endpoint(),
                "CATALOG_TEST_S3_ACCESS_KEY", shared.s3AccessKey(),
                "CATALOG_TEST_S3_SECRET_KEY", shared.s3SecretKey());
        MinioClient minio = MinioClient.builder().endpoint(shared.s3Endpoint())
                .credentials(shared.s3AccessKey(), shared.s3SecretKey()).build();

        Isolation isolation;
        try (RunningInfrastructure running = InfrastructureLauncher.launch(environment::get)) {
            Infrastructure infrastructure = running.infrastructure();
            assertThat(infrastructure.source()).isEqualTo("environment");
            assertThat(infrastructure.kafkaBootstrapServers()).isEqualTo(shared.kafkaBootstrapServers());
            assertThat(infrastructure.jdbcUrl()).isEqualTo(shared.jdbcUrl());
            assertThat(infrastructure.s3Endpoint()).isEqualTo(shared.s3Endpoint());

            isolation = infrastructure.isolate();
            assertThat(schemaExists(shared, isolation.schema())).isTrue();
            minio.putObject(PutObjectArgs.builder().bucket(isolation.tempBucket()).object("left-over")
                    .stream(new ByteArrayInputStream(new byte[] {1}), 1, -1).build());
            try (Admin admin = admin(shared)) {
                admin.createTopics(List.of(new NewTopic(isolation.topic("left-over"), 1, (short) 1)))
                        .all().get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(schemaExists(shared, isolation.schema())).isFalse();
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(isolation.tempBucket()).build())).isFalse();
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(isolation.mediaBucket()).build())).isFalse();
        try (Admin admin = admin(shared)) {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertThat(topics).noneMatch(topic -> topic.startsWith(isolation.topicPrefix()));
        }
    }

    private static boolean schemaExists(Infrastructure infrastructure, String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.jdbcUser(),
                infrastructure.jdbcPassword());
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT 1 FROM information_schema.schemata WHERE schema_name = '" + schema + "'")) {
            return rows.next();
        }
    }

    private static Admin admin(Infrastructure infrastructure) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
    }
}
