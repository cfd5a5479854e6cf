package io.catalogingest.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker of one test's own, run as a child process (the broker classes of the test's classpath),
 * which the test can stall with SIGSTOP and resume with SIGCONT: clients keep their connections but get no answers,
 * the way a hung broker looks. Close it when the test ends.
 */
public final class PausableKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PausableKafka.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path directory;
    private final String bootstrapServers;
    private volatile boolean paused;

    private PausableKafka(Process process, Path directory, String bootstrapServers) {
        this.process = process;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats and starts a broker on free ports of 127.0.0.1; returns once it answers. */
    public static PausableKafka start() {
        try {
            Path directory = Files.createTempDirectory("catalog-pausable-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            Path configuration = directory.resolve("server.properties");
            Properties properties = new Properties();
            properties.putAll(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", "1"),
                    Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                    Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                    Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                    Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("controller.listener.names", "CONTROLLER"),
                    Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                    Map.entry("log.dirs", directory.resolve("data").toString()),
                    Map.entry("num.partitions", Integer.toString(InfrastructureLauncher.PARTITIONS)),
                    Map.entry("auto.create.topics.enable", "true"),
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("offsets.topic.num.partitions", "5"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0")));
            try (OutputStream out = Files.newOutputStream(configuration)) {
                properties.store(out, "pausable broker of a catalog-ingest test");
            }
            Path logFile = directory.resolve("kafka.log");
            Process format = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                    configuration.toString()).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("Formatting the broker's storage failed: " + Files.readString(logFile));
            }
            Process broker = java("kafka.Kafka", configuration.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            PausableKafka kafka = new PausableKafka(broker, directory, "127.0.0.1:" + port);
            kafka.awaitAnswer(logFile);
            log.info("Pausable Kafka broker answers at {}", kafka.bootstrapServers);
            return kafka;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a pausable Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting a pausable Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** SIGSTOP: the broker stops answering. */
    public void pause() {
        Signals.send("STOP", process.pid());
        paused = true;
    }

    /** SIGCONT: the broker answers again. */
    public void resume() {
        Signals.send("CONT", process.pid());
        paused = false;
    }

    @Override
    public void close() {
        if (paused) {
            resume();
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("Could not delete {}", directory, e);
        }
    }

    private void awaitAnswer(Path logFile) throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The broker exited: " + Files.readString(logFile));
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    // not answering yet
                }
            }
        }
        close();
        throw new IllegalStateException("The broker did not answer within " + STARTUP_TIMEOUT);
    }

    private static ProcessBuilder java(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command()
                        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
