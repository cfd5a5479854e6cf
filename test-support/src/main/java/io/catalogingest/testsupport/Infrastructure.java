package io.catalogingest.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and S3 for integration tests, shared by every test of the JVM. Tests do not
 * restart or clean anything: each takes names of its own from {@link #isolate()}.
 * {@code toString()} and the logs never show the passwords or the secret key.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Duration KAFKA_ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final Kafka kafka;

    private final Postgres postgres;

    private final S3 s3;

    private final MinioClient minio;

    private final Queue<Isolation> isolations = new ConcurrentLinkedQueue<>();

    Infrastructure(Kafka kafka, Postgres postgres, S3 s3) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.s3 = s3;
        this.minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String jdbcUser() {
        return postgres.user();
    }

    public String jdbcPassword() {
        return postgres.password();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    public String s3AccessKey() {
        return s3.accessKey();
    }

    public String s3SecretKey() {
        return s3.secretKey();
    }

    /**
     * Where the services come from: {@code environment}, {@code testcontainers} or {@code embedded}.
     * Each service is resolved on its own; when they differ the answer names each one, e.g.
     * {@code kafka=environment,postgres=embedded,s3=embedded}.
     */
    public String source() {
        Set<Source> sources = EnumSet.of(kafka.source(), postgres.source(), s3.source());
        if (sources.size() == 1) {
            return kafka.source().label();
        }
        return "kafka=" + kafka.source().label() + ",postgres=" + postgres.source().label()
                + ",s3=" + s3.source().label();
    }

    /**
     * Creates a fresh schema and two fresh buckets and picks a topic prefix, all under one random id.
     */
    public Isolation isolate() {
        String id = HexFormat.of().toHexDigits(RANDOM.nextInt());
        String schema = "t_" + id;
        String topicPrefix = "t" + id + ".";
        String tempBucket = "t" + id + "-uploads-temp";
        String mediaBucket = "t" + id + "-media";

        createSchema(schema);
        createBucket(tempBucket);
        createBucket(mediaBucket);

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("spring.datasource.url", withCurrentSchema(postgres.jdbcUrl(), schema));
        properties.put("spring.datasource.username", postgres.user());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("catalog.storage.endpoint", s3.endpoint());
        properties.put("catalog.storage.public-endpoint", s3.endpoint());
        properties.put("catalog.storage.access-key", s3.accessKey());
        properties.put("catalog.storage.secret-key", s3.secretKey());
        properties.put("catalog.storage.temp-bucket", tempBucket);
        properties.put("catalog.storage.media-bucket", mediaBucket);
        properties.put("catalog.topics.prefix", topicPrefix);

        Isolation isolation = new Isolation(schema, topicPrefix, tempBucket, mediaBucket, properties);
        isolations.add(isolation);
        log.debug("Isolated {}", isolation);
        return isolation;
    }

    @Override
    public String toString() {
        return "Infrastructure[source=" + source() + ", kafka=" + kafka.bootstrapServers()
                + ", jdbc=" + redacted(postgres.jdbcUrl()) + ", s3=" + s3.endpoint() + "]";
    }

    /** Adds {@code currentSchema} to a PostgreSQL JDBC URL, replacing one already there. */
    static String withCurrentSchema(String jdbcUrl, String schema) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl + "?currentSchema=" + schema;
        }
        String parameters = Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(parameter -> !parameter.isEmpty())
                .filter(parameter -> !parameter.equals("currentSchema") && !parameter.startsWith("currentSchema="))
                .map(parameter -> parameter + "&")
                .collect(Collectors.joining());
        return jdbcUrl.substring(0, query) + "?" + parameters + "currentSchema=" + schema;
    }

    /** A JDBC URL fit for logs: a password given as a URL parameter is masked. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /**
     * Drops what {@link #isolate()} created, but only on services given by the environment:
     * started services are thrown away whole.
     */
    void removeIsolations() {
        List<Isolation> created = new ArrayList<>(isolations);
        if (created.isEmpty()) {
            return;
        }
        if (postgres.source() == Source.ENVIRONMENT) {
            dropSchemas(created);
        }
        if (s3.source() == Source.ENVIRONMENT) {
            created.forEach(isolation -> {
                removeBucket(isolation.tempBucket());
                removeBucket(isolation.mediaBucket());
            });
        }
        if (kafka.source() == Source.ENVIRONMENT) {
            deleteTopics(created);
        }
    }

    private void createSchema(String schema) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + schema + " at " + redacted(postgres.jdbcUrl()), e);
        }
    }

    private void createBucket(String bucket) {
        try {
            minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not create bucket " + bucket + " at " + s3.endpoint(), e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    private void dropSchemas(List<Isolation> created) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (Isolation isolation : created) {
                statement.execute("DROP SCHEMA IF EXISTS " + isolation.schema() + " CASCADE");
            }
            log.info("Dropped {} test schemas", created.size());
        }
        catch (SQLException e) {
            log.warn("Could not drop the test schemas at {}", redacted(postgres.jdbcUrl()), e);
        }
    }

    private void removeBucket(String bucket) {
        try {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return;
            }
            List<DeleteObject> objects = new ArrayList<>();
            for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                objects.add(new DeleteObject(item.get().objectName()));
            }
            for (Result<DeleteError> error : minio.removeObjects(
                    RemoveObjectsArgs.builder().bucket(bucket).objects(objects).build())) {
                log.warn("Could not remove {} from bucket {}: {}", error.get().objectName(), bucket, error.get().message());
            }
            minio.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
        }
        catch (Exception e) {
            log.warn("Could not remove test bucket {} at {}", bucket, s3.endpoint(), e);
        }
    }

    private void deleteTopics(List<Isolation> created) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names()
                    .get(KAFKA_ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream()
                    .filter(topic -> created.stream().anyMatch(isolation -> topic.startsWith(isolation.topicPrefix())))
                    .collect(Collectors.toSet());
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(KAFKA_ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Deleted {} test topics", topics.size());
            }
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Could not delete the test topics at {}", kafka.bootstrapServers(), e);
        }
    }

    /** Where a service came from. */
    enum Source {
        ENVIRONMENT("environment"), TESTCONTAINERS("testcontainers"), EMBEDDED("embedded");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    record Kafka(String bootstrapServers, Source source) {
    }

    record Postgres(String jdbcUrl, String user, String password, Source source) {

        @Override
        public String toString() {
            return "Postgres[jdbcUrl=" + redacted(jdbcUrl) + ", user=" + user + ", source=" + source + "]";
        }
    }

    record S3(String endpoint, String accessKey, String secretKey, Source source) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", source=" + source + "]";
        }
    }
}
