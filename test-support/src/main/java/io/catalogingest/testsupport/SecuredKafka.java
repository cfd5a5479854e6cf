package io.catalogingest.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-JVM KRaft broker that trusts no one, configured like {@code ./catalog up}'s (docs/security.md, ADR 0015):
 * the client listener speaks SASL_PLAINTEXT with SCRAM-SHA-512, the controller listener SASL/PLAIN for the admin only
 * (KRaft controllers do not take SCRAM), ACLs by {@code StandardAuthorizer} with
 * {@code allow.everyone.if.no.acl.found=false}, and {@code admin} the one super user. The SCRAM credentials of every
 * user are written into the metadata log when the storage is formatted, as {@code kafka-storage format --add-scram}
 * does. Started on demand by the tests that need it (about 3 s), not shared: the suite's shared broker stays open, so
 * that tests isolated by topic prefix need no credentials.
 */
public final class SecuredKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SecuredKafka.class);

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final KafkaRaftServer server;
    private final Path directory;
    private final String bootstrapServers;
    private final String adminPassword;

    private SecuredKafka(KafkaRaftServer server, Path directory, String bootstrapServers, String adminPassword) {
        this.server = server;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
        this.adminPassword = adminPassword;
    }

    /**
     * Formats and starts a broker whose SCRAM users are {@code users} (name to password), plus {@code admin} with
     * {@code adminPassword}.
     */
    public static SecuredKafka start(String adminPassword, Map<String, String> users) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("secured-kafka");
            int clientPort = freePort();
            int controllerPort = freePort();
            Path data = directory.resolve("data");

            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "CLIENT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "CLIENT://127.0.0.1:" + clientPort);
            props.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
            props.put("inter.broker.listener.name", "CLIENT");
            props.put("controller.listener.names", "CONTROLLER");
            props.put("sasl.enabled.mechanisms", MECHANISM);
            props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
            props.put("listener.name.client.sasl.enabled.mechanisms", MECHANISM);
            props.put("listener.name.client.scram-sha-512.sasl.jaas.config", jaas(SCRAM_MODULE, ADMIN, adminPassword));
            props.put("sasl.mechanism.controller.protocol", "PLAIN");
            props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
            props.put("listener.name.controller.plain.sasl.jaas.config", PLAIN_MODULE + " required username=\"" + ADMIN
                    + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";");
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            props.put("allow.everyone.if.no.acl.found", "false");
            props.put("super.users", "User:" + ADMIN);
            props.put("log.dirs", data.toString());
            props.put("num.partitions", Integer.toString(InfrastructureLauncher.PARTITIONS));
            props.put("auto.create.topics.enable", "false");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "5");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            KafkaConfig config = KafkaConfig.fromProps(props, false);

            List<String> scram = new ArrayList<>();
            scram.add(MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]");
            users.forEach((name, password) -> scram.add(MECHANISM + "=[name=" + name + ",password=" + password + "]"));
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(data.toString())
                    .setDirectories(List.of(data.toString()))
                    .setScramArguments(scram)
                    .run();

            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + clientPort;
            log.info("Secured Kafka (SASL_PLAINTEXT, {}, ACLs) at {} with {} users", MECHANISM, bootstrap,
                    users.size() + 1);
            return new SecuredKafka(server, directory, bootstrap, adminPassword);
        } catch (Exception e) {
            if (directory != null) {
                delete(directory);
            }
            throw new IllegalStateException("could not start the secured Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client settings of {@code user}: bootstrap servers, SASL_PLAINTEXT, SCRAM-SHA-512, and the login. */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(SCRAM_MODULE, user, password));
        return props;
    }

    /** The super user's client settings. */
    public Map<String, Object> adminProperties() {
        return clientProperties(ADMIN, adminPassword);
    }

    /** Spring properties that make a service log in as {@code user} (catalog-common.yml's names). */
    public Map<String, String> springProperties(String user, String password) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.kafka.bootstrap-servers", bootstrapServers);
        props.put("spring.kafka.properties.security.protocol", "SASL_PLAINTEXT");
        props.put("spring.kafka.properties.sasl.mechanism", MECHANISM);
        props.put("catalog.kafka.username", user);
        props.put("catalog.kafka.password", password);
        return props;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            delete(directory);
        }
    }

    private static String jaas(String module, String user, String password) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
