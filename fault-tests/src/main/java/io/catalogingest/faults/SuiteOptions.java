package io.catalogingest.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one run of the suite does: which faults, how long each phase lasts, how much load, and where everything runs.
 * Built from the command line ({@code --ci}, {@code --faults a,b}) and the environment the wrapper script exports
 * (addresses of Kafka, Postgres and S3, the JWT secret).
 *
 * @param warmup      load before a fault is injected
 * @param hold        how long a fault lasts before it is healed (a killed process restarted, a stall resumed)
 * @param afterHeal   load after the heal
 * @param settleBound how long after the load stops every acknowledged request gets to show its effect
 * @param recoverBound how long after the heal the pipeline gets to answer probes on every partition again
 * @param retryBudget how long a client keeps retrying one request (same Idempotency-Key) on 503s and timeouts
 */
record SuiteOptions(Path root, Path state, List<Fault> faults, boolean ci,
                    Duration warmup, Duration hold, Duration afterHeal, Duration settleBound, Duration recoverBound,
                    Duration retryBudget, Duration requestTimeout, int productClients, int releaseClients,
                    Duration productPause, Environment env) {

    static final List<Fault> CI_FAULTS = List.of(Fault.KILL_INGEST_WORKER, Fault.KILL_BROKER, Fault.STOP_POSTGRES);

    static SuiteOptions parse(String[] args, Map<String, String> environment) {
        Path root = Path.of(".").toAbsolutePath().normalize();
        Path state = null;
        boolean ci = false;
        List<Fault> faults = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ci" -> ci = true;
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--state" -> state = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--faults" -> faults = Arrays.stream(args[++i].split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).map(Fault::named).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --ci, --faults " + Fault.names() + ", --root DIR, --state DIR)");
            }
        }
        if (state == null) {
            state = root.resolve(".local-faults");
        }
        if (faults == null) {
            // kill-one-broker needs a three-broker cluster (scripts/fault-suite.sh --brokers 3)
            int brokers = Integer.parseInt(environment.getOrDefault("CATALOG_KAFKA_BROKERS", "1"));
            faults = ci ? CI_FAULTS : new ArrayList<>(Arrays.stream(Fault.values())
                    .filter(fault -> fault != Fault.KILL_ONE_BROKER || brokers >= 3).toList());
        }
        Environment env = Environment.from(environment);
        if (ci) {
            return new SuiteOptions(root, state, faults, true, Duration.ofSeconds(5), Duration.ofSeconds(8),
                    Duration.ofSeconds(5), Duration.ofSeconds(90), Duration.ofSeconds(90), Duration.ofSeconds(60),
                    Duration.ofSeconds(20), 2, 1, Duration.ofMillis(150), env);
        }
        return new SuiteOptions(root, state, faults, false, Duration.ofSeconds(10), Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(150), Duration.ofSeconds(150), Duration.ofSeconds(90),
                Duration.ofSeconds(20), 3, 2, Duration.ofMillis(80), env);
    }

    /** The addresses and secrets the services, the script and the suite share (the names of ./catalog help). */
    record Environment(String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword, String s3Endpoint,
                       String s3AccessKey, String s3SecretKey, String tempBucket, String mediaBucket,
                       String jwtSecret, String jwtIssuer, String jwtAudience, int basePort, String javaOpts,
                       Map<String, String> raw) {

        static Environment from(Map<String, String> env) {
            return new Environment(
                    env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:50092"),
                    env.getOrDefault("DB_URL", "jdbc:postgresql://127.0.0.1:50432/catalog"),
                    env.getOrDefault("DB_USER", "catalog"),
                    env.getOrDefault("DB_PASSWORD", "catalog"),
                    env.getOrDefault("S3_ENDPOINT", "http://127.0.0.1:50900"),
                    env.getOrDefault("S3_ACCESS_KEY", "catalog"),
                    env.getOrDefault("S3_SECRET_KEY", "catalog-secret-key-change-me"),
                    env.getOrDefault("S3_TEMP_BUCKET", "catalog-uploads-temp"),
                    env.getOrDefault("S3_MEDIA_BUCKET", "catalog-media"),
                    env.getOrDefault("JWT_SECRET", "local-dev-secret-change-me-at-least-32-bytes!!"),
                    env.getOrDefault("JWT_ISSUER", "catalog-ingest-local"),
                    env.getOrDefault("JWT_AUDIENCE", "catalog-ingest"),
                    Integer.parseInt(env.getOrDefault("FAULTS_BASE_PORT", "50100")),
                    env.getOrDefault("FAULTS_SERVICE_JAVA_OPTS", ""),
                    Map.copyOf(env));
        }

        /** The password of a Kafka principal: {@code KAFKA_<PRINCIPAL>_PASSWORD}, as {@code ./catalog} has it. */
        String kafkaPassword(String principal) {
            return raw.getOrDefault("KAFKA_" + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
                    + "_PASSWORD", principal + "-kafka-secret-change-me");
        }

        /** Security settings of a Kafka client of the suite's own (the admin), from KAFKA_SECURITY_PROTOCOL. */
        Map<String, Object> kafkaAdminSecurity() {
            String protocol = raw.getOrDefault("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
            if (!protocol.startsWith("SASL_")) {
                return Map.of("security.protocol", protocol);
            }
            return Map.of("security.protocol", protocol,
                    "sasl.mechanism", raw.getOrDefault("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
                    "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                            + "username=\"admin\" password=\"" + kafkaPassword("admin") + "\";");
        }

        @Override
        public String toString() {
            return "Environment[kafka=" + kafkaBootstrap + ", db=" + dbUrl + ", s3=" + s3Endpoint + "]";
        }
    }
}
