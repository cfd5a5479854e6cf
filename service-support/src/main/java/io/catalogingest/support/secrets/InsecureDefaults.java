package io.catalogingest.support.secrets;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import io.catalogingest.support.storage.StorageProperties;

/**
 * A service refuses to start with a credential whose default is published in this repository — the database password
 * and the S3 secret key of {@code catalog-common.yml}, the Kafka password (when SASL is on), and the gateway's
 * development JWT secret — unless the
 * {@code local} or {@code dev} profile is active ({@code SPRING_PROFILES_ACTIVE=local}, which {@code ./catalog up},
 * compose and the tests set). Only the names of the settings are reported, never a value. Every service imports it;
 * the S3 secret is checked only in a service that talks to S3 (the webhook-dispatcher does not).
 */
public class InsecureDefaults {

    private static final Logger log = LoggerFactory.getLogger(InsecureDefaults.class);

    /** The profiles under which the published defaults are allowed. */
    public static final String[] DEVELOPMENT_PROFILES = {"local", "dev"};
    /** {@code DB_PASSWORD}'s default in {@code catalog-common.yml}. */
    static final String DEVELOPMENT_DB_PASSWORD = "catalog";
    /** {@code S3_SECRET_KEY}'s default in {@code catalog-common.yml}. */
    static final String DEVELOPMENT_S3_SECRET = "catalog-secret-key-change-me";
    /**
     * How the published Kafka passwords end ({@code <principal>-kafka-secret-change-me}: the default of
     * {@code KAFKA_PASSWORD} in {@code catalog-common.yml}, and of {@code ./catalog}'s and compose's
     * {@code KAFKA_*_PASSWORD}).
     */
    public static final String DEVELOPMENT_KAFKA_PASSWORD_SUFFIX = "-kafka-secret-change-me";

    public InsecureDefaults(Environment environment, ObjectProvider<StorageProperties> storageIfUsed) {
        List<String> defaults = new ArrayList<>();
        if (DEVELOPMENT_DB_PASSWORD.equals(environment.getProperty("spring.datasource.password"))) {
            defaults.add("DB_PASSWORD (spring.datasource.password)");
        }
        StorageProperties storage = storageIfUsed.getIfAvailable();
        if (storage != null && DEVELOPMENT_S3_SECRET.equals(storage.secretKey())) {
            defaults.add("S3_SECRET_KEY (catalog.storage.secret-key)");
        }
        if (publishedKafkaPassword(environment)) {
            defaults.add("KAFKA_PASSWORD (catalog.kafka.password)");
        }
        refuseUnlessDevelopment(environment, defaults);
    }

    /** Whether the service logs in to Kafka (SASL) with a password published in this repository. */
    static boolean publishedKafkaPassword(Environment environment) {
        String protocol = environment.getProperty("spring.kafka.properties.security.protocol", "PLAINTEXT");
        String jaas = environment.getProperty("spring.kafka.properties.sasl.jaas.config", "");
        return protocol.startsWith("SASL_") && jaas.contains(DEVELOPMENT_KAFKA_PASSWORD_SUFFIX + "\"");
    }

    /**
     * Throws when {@code defaults} (names of settings left at a published default) is not empty and no development
     * profile is active; warns when one is.
     */
    public static void refuseUnlessDevelopment(Environment environment, List<String> defaults) {
        if (defaults.isEmpty()) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of(DEVELOPMENT_PROFILES))) {
            log.warn("Running with the published development value of {}: fine on a laptop (profile {}), never "
                    + "anywhere else", defaults, String.join(",", environment.getActiveProfiles()));
            return;
        }
        throw new IllegalStateException("Refusing to start with the published development value of " + defaults
                + ": set real values, or activate the 'local' profile (SPRING_PROFILES_ACTIVE=local) on a laptop");
    }
}
