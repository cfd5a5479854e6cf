package io.catalogingest.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.catalogingest.testsupport.Infrastructure.Kafka;
import io.catalogingest.testsupport.Infrastructure.Postgres;
import io.catalogingest.testsupport.Infrastructure.S3;
import io.catalogingest.testsupport.Infrastructure.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Resolves each service on its own: from its environment variable when set, else a Testcontainers
 * container when Docker answers, else started in or beside this JVM. Started services come up in
 * parallel.
 */
final class InfrastructureLauncher {

    static final String KAFKA_BOOTSTRAP = "CATALOG_TEST_KAFKA_BOOTSTRAP";
    static final String JDBC_URL = "CATALOG_TEST_JDBC_URL";
    static final String JDBC_USER = "CATALOG_TEST_JDBC_USER";
    static final String JDBC_PASSWORD = "CATALOG_TEST_JDBC_PASSWORD";
    static final String S3_ENDPOINT = "CATALOG_TEST_S3_ENDPOINT";
    static final String S3_ACCESS_KEY = "CATALOG_TEST_S3_ACCESS_KEY";
    static final String S3_SECRET_KEY = "CATALOG_TEST_S3_SECRET_KEY";

    /** Credentials of started services; the project's local defaults (docs/conventions). */
    static final String DEFAULT_DB_USER = "catalog";
    static final String DEFAULT_DB_PASSWORD = "catalog";
    static final String DEFAULT_S3_ACCESS_KEY = "catalog";
    static final String DEFAULT_S3_SECRET_KEY = "catalog-secret-key-change-me";

    /** Partitions of auto-created topics (the services' TOPIC_PARTITIONS default). */
    static final int PARTITIONS = 6;

    private static final Logger log = LoggerFactory.getLogger(InfrastructureLauncher.class);

    private static final AutoCloseable NOTHING_TO_STOP = () -> { };

    private InfrastructureLauncher() {
    }

    /** @param environment looks up environment variables ({@code System::getenv}) */
    static RunningInfrastructure launch(Function<String, String> environment) {
        long start = System.nanoTime();
        boolean allFromEnvironment = variable(environment, KAFKA_BOOTSTRAP) != null
                && variable(environment, JDBC_URL) != null && variable(environment, S3_ENDPOINT) != null;
        boolean docker = !allFromEnvironment && dockerAvailable();

        ExecutorService executor = Executors.newFixedThreadPool(3, task -> {
            Thread thread = new Thread(task, "catalog-infrastructure-start");
            thread.setDaemon(true);
            return thread;
        });
        Future<Running<Kafka>> kafka = executor.submit(() -> kafka(environment, docker));
        Future<Running<Postgres>> postgres = executor.submit(() -> postgres(environment, docker));
        Future<Running<S3>> s3 = executor.submit(() -> s3(environment, docker));
        executor.shutdown();

        List<AutoCloseable> started = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        Running<Kafka> runningKafka = await(kafka, started, failures);
        Running<Postgres> runningPostgres = await(postgres, started, failures);
        Running<S3> runningS3 = await(s3, started, failures);
        Collections.reverse(started);
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Could not start the test infrastructure",
                    failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            try {
                RunningInfrastructure.closeAll(started);
            }
            catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }

        Infrastructure infrastructure = new Infrastructure(runningKafka.service(), runningPostgres.service(),
                runningS3.service());
        log.info("Test infrastructure ready in {} ms: Kafka {} ({}), PostgreSQL {} as {} ({}), S3 {} ({})",
                (System.nanoTime() - start) / 1_000_000,
                runningKafka.service().bootstrapServers(), runningKafka.service().source().label(),
                Infrastructure.redacted(runningPostgres.service().jdbcUrl()), runningPostgres.service().user(),
                runningPostgres.service().source().label(),
                runningS3.service().endpoint(), runningS3.service().source().label());
        return new RunningInfrastructure(infrastructure, started);
    }

    private static Running<Kafka> kafka(Function<String, String> environment, boolean docker) {
        String bootstrapServers = variable(environment, KAFKA_BOOTSTRAP);
        if (bootstrapServers != null) {
            return new Running<>(new Kafka(bootstrapServers, Source.ENVIRONMENT), NOTHING_TO_STOP);
        }
        return docker ? ContainerServices.kafka() : EmbeddedServices.kafka();
    }

    private static Running<Postgres> postgres(Function<String, String> environment, boolean docker) throws Exception {
        String jdbcUrl = variable(environment, JDBC_URL);
        if (jdbcUrl != null) {
            Postgres postgres = new Postgres(jdbcUrl, orDefault(environment, JDBC_USER, DEFAULT_DB_USER),
                    orDefault(environment, JDBC_PASSWORD, DEFAULT_DB_PASSWORD), Source.ENVIRONMENT);
            return new Running<>(postgres, NOTHING_TO_STOP);
        }
        return docker ? ContainerServices.postgres() : EmbeddedServices.postgres();
    }

    private static Running<S3> s3(Function<String, String> environment, boolean docker) throws Exception {
        String endpoint = variable(environment, S3_ENDPOINT);
        if (endpoint != null) {
            S3 s3 = new S3(endpoint, orDefault(environment, S3_ACCESS_KEY, DEFAULT_S3_ACCESS_KEY),
                    orDefault(environment, S3_SECRET_KEY, DEFAULT_S3_SECRET_KEY), Source.ENVIRONMENT);
            return new Running<>(s3, NOTHING_TO_STOP);
        }
        return docker ? ContainerServices.s3() : EmbeddedServices.s3(environment);
    }

    private static boolean dockerAvailable() {
        try {
            boolean available = DockerClientFactory.instance().isDockerAvailable();
            log.info("Docker {}", available ? "answers: services not given by the environment run in containers"
                    : "does not answer: services not given by the environment run embedded");
            return available;
        }
        catch (RuntimeException | LinkageError e) {
            log.info("Docker check failed ({}): services not given by the environment run embedded", e.toString());
            return false;
        }
    }

    private static <S> Running<S> await(Future<Running<S>> future, List<AutoCloseable> started, List<Throwable> failures) {
        try {
            Running<S> running = future.get();
            started.add(running.stopper());
            return running;
        }
        catch (ExecutionException e) {
            failures.add(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        }
        return null;
    }

    private static String variable(Function<String, String> environment, String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orDefault(Function<String, String> environment, String name, String fallback) {
        String value = variable(environment, name);
        return value == null ? fallback : value;
    }

    /** A service and what stops it. */
    record Running<S>(S service, AutoCloseable stopper) {
    }
}
