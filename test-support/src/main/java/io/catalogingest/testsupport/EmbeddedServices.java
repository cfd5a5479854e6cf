package io.catalogingest.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import io.catalogingest.testsupport.Infrastructure.Kafka;
import io.catalogingest.testsupport.Infrastructure.Postgres;
import io.catalogingest.testsupport.Infrastructure.S3;
import io.catalogingest.testsupport.Infrastructure.Source;
import io.catalogingest.testsupport.InfrastructureLauncher.Running;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Services without Docker: Kafka and PostgreSQL in this JVM's care, S3Proxy as a child process. */
final class EmbeddedServices {

    private static final String POSTGRES_USER = "postgres";

    private EmbeddedServices() {
    }

    static Running<Kafka> kafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, InfrastructureLauncher.PARTITIONS);
        // The broker publishes its address as a system property; keep it away from spring.kafka.bootstrap-servers,
        // which would reach every Spring context of the JVM.
        broker.brokerListProperty("catalog.test.embedded-kafka.bootstrap-servers");
        broker.brokerProperties(Map.ofEntries(
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", Integer.toString(InfrastructureLauncher.PARTITIONS)),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1")));
        broker.afterPropertiesSet();
        return new Running<>(new Kafka(broker.getBrokersAsString(), Source.EMBEDDED), broker::destroy);
    }

    static Running<Postgres> postgres() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        // The embedded server trusts local connections; the password is not checked.
        return new Running<>(new Postgres(jdbcUrl, POSTGRES_USER, POSTGRES_USER, Source.EMBEDDED), postgres);
    }

    static Running<S3> s3(Function<String, String> environment) throws IOException {
        Path jar = S3ProxyJar.locate(environment, System::getProperty);
        S3ProxyProcess s3Proxy = S3ProxyProcess.start(jar, InfrastructureLauncher.DEFAULT_S3_ACCESS_KEY,
                InfrastructureLauncher.DEFAULT_S3_SECRET_KEY);
        S3 s3 = new S3(s3Proxy.endpoint(), InfrastructureLauncher.DEFAULT_S3_ACCESS_KEY,
                InfrastructureLauncher.DEFAULT_S3_SECRET_KEY, Source.EMBEDDED);
        return new Running<>(s3, s3Proxy);
    }
}
