package io.catalogingest.testsupport;

import io.catalogingest.testsupport.Infrastructure.Kafka;
import io.catalogingest.testsupport.Infrastructure.Postgres;
import io.catalogingest.testsupport.Infrastructure.S3;
import io.catalogingest.testsupport.Infrastructure.Source;
import io.catalogingest.testsupport.InfrastructureLauncher.Running;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Services in Docker containers, for machines where Docker answers. */
final class ContainerServices {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.0");
    static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17-alpine");
    /**
     * MinIO's community images left Docker Hub in September 2026; quay.io still serves the last ones (pinned, the
     * same tag as docker-compose.yml). Testcontainers' MinIO module checks for the Docker Hub name.
     */
    static final DockerImageName MINIO_IMAGE = DockerImageName
            .parse("quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z").asCompatibleSubstituteFor("minio/minio");

    private ContainerServices() {
    }

    static Running<Kafka> kafka() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(InfrastructureLauncher.PARTITIONS))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        kafka.start();
        return new Running<>(new Kafka(kafka.getBootstrapServers(), Source.TESTCONTAINERS), kafka::stop);
    }

    static Running<Postgres> postgres() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName("catalog")
                .withUsername(InfrastructureLauncher.DEFAULT_DB_USER)
                .withPassword(InfrastructureLauncher.DEFAULT_DB_PASSWORD)
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        postgres.start();
        Postgres service = new Postgres(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
                Source.TESTCONTAINERS);
        return new Running<>(service, postgres::stop);
    }

    static Running<S3> s3() {
        MinIOContainer minio = new MinIOContainer(MINIO_IMAGE)
                .withUserName(InfrastructureLauncher.DEFAULT_S3_ACCESS_KEY)
                .withPassword(InfrastructureLauncher.DEFAULT_S3_SECRET_KEY);
        minio.start();
        S3 s3 = new S3(minio.getS3URL(), minio.getUserName(), minio.getPassword(), Source.TESTCONTAINERS);
        return new Running<>(s3, minio::stop);
    }
}
