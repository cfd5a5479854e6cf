package io.catalogingest.support.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The client side of Kafka's authentication, from the environment variables every part reads (services through
 * {@code catalog-common.yml}, {@code ./catalog dlt-replay} and {@code KafkaProvisioning} through this):
 * {@code KAFKA_SECURITY_PROTOCOL} [PLAINTEXT; {@code ./catalog up} and compose use SASL_PLAINTEXT],
 * {@code KAFKA_SASL_MECHANISM} [SCRAM-SHA-512], {@code KAFKA_USERNAME}, {@code KAFKA_PASSWORD}, or a whole
 * {@code KAFKA_SASL_JAAS_CONFIG} (another login module, e.g. PLAIN or OAUTHBEARER on a managed cluster).
 * docs/security.md, docs/kafka.md.
 */
public final class KafkaClientSecurity {

    static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private KafkaClientSecurity() {
    }

    /**
     * The security settings of a client named by {@code environment} (a lookup such as {@code System::getenv}),
     * with {@code defaultUsername} when {@code KAFKA_USERNAME} is not set; empty settings mean PLAINTEXT.
     */
    public static Map<String, Object> fromEnvironment(Function<String, String> environment, String defaultUsername) {
        String protocol = orDefault(environment.apply("KAFKA_SECURITY_PROTOCOL"), "PLAINTEXT");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (!protocol.startsWith("SASL_")) {
            return props;
        }
        String mechanism = orDefault(environment.apply("KAFKA_SASL_MECHANISM"), "SCRAM-SHA-512");
        props.put(SaslConfigs.SASL_MECHANISM, mechanism);
        String jaas = environment.apply("KAFKA_SASL_JAAS_CONFIG");
        if (jaas == null || jaas.isBlank()) {
            String username = orDefault(environment.apply("KAFKA_USERNAME"), defaultUsername);
            String password = environment.apply("KAFKA_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("KAFKA_SECURITY_PROTOCOL is " + protocol
                        + ": set KAFKA_USERNAME and KAFKA_PASSWORD (or KAFKA_SASL_JAAS_CONFIG)");
            }
            jaas = jaasConfig(mechanism, username, password);
        }
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
        return props;
    }

    /** {@code sasl.jaas.config} for a user and password: SCRAM's login module, or PLAIN's for {@code PLAIN}. */
    public static String jaasConfig(String mechanism, String username, String password) {
        String module = "PLAIN".equals(mechanism) ? PLAIN_LOGIN_MODULE : SCRAM_LOGIN_MODULE;
        return module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
