package io.catalogingest.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts under test as separate processes: Postgres, Kafka and S3Proxy started (and restarted) by
 * {@code ./catalog up --detach --infra-only} on the suite's ports and state directory, and two replicas of each
 * service, each its own JVM from the module's {@code target/*-exec.jar}, with its own ports and instance id.
 * Everything binds 127.0.0.1. Every service JVM carries {@code -Dcatalog.local.home=<state>} and has a pid file in
 * {@code <state>/run/faults-<name>.pid}, so the wrapper script can stop what is left if this JVM dies.
 */
final class Topology implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Topology.class);
    /** The orphan sweeper's settings in the approval-workers: it runs during the suite. */
    static final Duration SWEEPER_INTERVAL = Duration.ofSeconds(15);
    static final Duration SWEEPER_MIN_AGE = Duration.ofSeconds(60);

    enum Kind {
        API_GATEWAY("api-gateway", 0), INGEST_WORKER("ingest-worker", 10), APPROVAL_WORKER("approval-worker", 20);

        final String module;
        final int portOffset;

        Kind(String module, int portOffset) {
            this.module = module;
            this.portOffset = portOffset;
        }
    }

    /** One replica: {@code index} 1 or 2. Its HTTP port is base + offset + index; management 100 above. */
    record Replica(Kind kind, int index) {
        String name() {
            return kind.module + "-" + index;
        }

        int port(int base) {
            return base + kind.portOffset + index;
        }

        int managementPort(int base) {
            return port(base) + 100;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private final SuiteOptions options;
    private final Map<Replica, Process> processes = new LinkedHashMap<>();
    /** Set once {@link #close()} began: nothing is started after it. */
    private boolean closed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    Topology(SuiteOptions options) {
        this.options = options;
        for (Kind kind : Kind.values()) {
            for (int i = 1; i <= 2; i++) {
                processes.put(new Replica(kind, i), null);
            }
        }
    }

    /** The suite's environment (the names of ./catalog help). */
    Map<String, String> environment() {
        return options.env().raw();
    }

    List<Replica> replicas() {
        return List.copyOf(processes.keySet());
    }

    Replica replica(Kind kind, int index) {
        return new Replica(kind, index);
    }

    List<URI> gateways() {
        return List.of(URI.create("http://127.0.0.1:" + replica(Kind.API_GATEWAY, 1).port(options.env().basePort())),
                URI.create("http://127.0.0.1:" + replica(Kind.API_GATEWAY, 2).port(options.env().basePort())));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Services
    // ------------------------------------------------------------------------------------------------------------

    synchronized void start(Replica replica) throws IOException {
        if (closed) {
            // the suite is stopping (e.g. its time bound ran out): a replica started now would outlive it
            throw new IllegalStateException("not starting " + replica + ": the suite is stopping");
        }
        Process running = processes.get(replica);
        if (running != null && running.isAlive()) {
            return;
        }
        int base = options.env().basePort();
        Path jar = execJar(replica.kind().module);
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dcatalog.local.name=faults-" + replica.name(),
                "-Dcatalog.local.home=" + options.state(), "-Dserver.address=127.0.0.1",
                "-Dserver.port=" + replica.port(base), "-Dmanagement.server.address=127.0.0.1",
                "-Dmanagement.server.port=" + replica.managementPort(base),
                // the suite runs the services with the published development credentials, which they accept only
                // under the local profile
                "-Dspring.profiles.active=local"));
        for (String opt : options.env().javaOpts().split("\\s+")) {
            if (!opt.isBlank()) {
                command.add(opt);
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(options.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(replica.name()).toFile()));
        Map<String, String> env = builder.environment();
        env.put("CATALOG_INSTANCE_ID", replica.name());
        env.put("HOSTNAME", "faults-" + replica.name());
        env.put("GATEWAY_PORT", String.valueOf(replica(Kind.API_GATEWAY, replica.index()).port(base)));
        env.put("INGEST_WORKER_PORT", String.valueOf(replica(Kind.INGEST_WORKER, replica.index()).port(base)));
        env.put("APPROVAL_WORKER_PORT", String.valueOf(replica(Kind.APPROVAL_WORKER, replica.index()).port(base)));
        // the sweeper runs during the suite, so that it meets registrations that are still on their way
        env.put("ORPHANS_INTERVAL", SWEEPER_INTERVAL.toSeconds() + "s");
        env.put("ORPHANS_MIN_AGE", SWEEPER_MIN_AGE.toSeconds() + "s");
        // a killed approval-worker's lease expires within the suite's bounds (the default is 10 minutes)
        env.putIfAbsent("APPROVAL_LEASE", "30s");
        // its own Kafka principal (./catalog's passwords; docs/security.md)
        env.put("KAFKA_USERNAME", replica.kind().module);
        env.put("KAFKA_PASSWORD", options.env().kafkaPassword(replica.kind().module));
        Process process = builder.start();
        processes.put(replica, process);
        Files.writeString(runDir().resolve("faults-" + replica.name() + ".pid"), process.pid() + "\n");
        log.info("started {} (pid {}, port {}, management {})", replica, process.pid(), replica.port(base),
                replica.managementPort(base));
    }

    /** SIGKILL (ProcessHandle.destroyForcibly is SIGKILL on Linux), waiting until it is gone. */
    synchronized void kill(Replica replica) throws InterruptedException {
        Process process = processes.get(replica);
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        log.info("SIGKILLed {} (pid {})", replica, process.pid());
    }

    synchronized boolean alive(Replica replica) {
        Process process = processes.get(replica);
        return process != null && process.isAlive();
    }

    Optional<Long> pid(Replica replica) {
        Process process = processes.get(replica);
        return process == null ? Optional.empty() : Optional.of(process.pid());
    }

    boolean healthy(Replica replica) {
        return health(replica).map(body -> body.contains("\"status\":\"UP\"")).orElse(false);
    }

    Optional<String> health(Replica replica) {
        int port = replica.managementPort(options.env().basePort());
        if (!LoopbackPorts.listening(port)) {
            return Optional.empty();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(response.body() == null ? "" : response.body().replace(" ", ""));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits until every replica given is UP; returns the ones that are not (dead or not ready) at the bound. */
    List<Replica> awaitHealthy(List<Replica> replicas, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<Replica> waiting = new ArrayList<>(replicas);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            waiting.removeIf(this::healthy);
            if (!waiting.isEmpty()) {
                Thread.sleep(500);
            }
        }
        return waiting;
    }

    /** Starts every replica that is not running and waits (bounded) until all are UP; returns those that are not. */
    List<Replica> ensureAllRunning(Duration bound) throws IOException, InterruptedException {
        for (Replica replica : replicas()) {
            if (!alive(replica)) {
                log.info("{} is not running: starting it", replica);
                start(replica);
            }
        }
        return awaitHealthy(replicas(), bound);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Infrastructure (./catalog's processes)
    // ------------------------------------------------------------------------------------------------------------

    /** {@code ./catalog up --detach --infra-only}: starts whichever of Postgres, Kafka and S3Proxy is not running. */
    void infraUp() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(options.root().resolve("catalog").toString(), "up", "--detach",
                "--infra-only").directory(options.root().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile("catalog-up").toFile()));
        builder.environment().put("CATALOG_STATE_DIR", options.state().toString());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("./catalog up --infra-only did not finish within 180 s (log: "
                    + logFile("catalog-up") + ")");
        }
        if (process.exitValue() != 0) {
            throw new IOException("./catalog up --infra-only failed (exit " + process.exitValue() + "; log: "
                    + logFile("catalog-up") + ")");
        }
    }

    /** The pid of a process ./catalog started ("kafka", "s3proxy"), checked against its command line. */
    long infraPid(String name) throws IOException {
        long pid = Long.parseLong(Files.readString(runDir().resolve(name + ".pid")).trim());
        String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"), StandardCharsets.UTF_8);
        if (!cmdline.contains("-Dcatalog.local.name=" + name + "\0")
                || !cmdline.contains("-Dcatalog.local.home=" + options.state() + "\0")) {
            throw new IOException(name + " pid " + pid + " is not ours");
        }
        return pid;
    }

    void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** SIGKILL and wait until the process is gone. */
    void killInfra(String name) throws IOException, InterruptedException {
        long pid = infraPid(name);
        signal(pid, "KILL");
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        log.info("SIGKILLed {} (pid {})", name, pid);
    }

    /** {@code pg_ctl stop -m immediate} on the suite's cluster (as the postgres user when we are root). */
    void stopPostgresImmediate() throws IOException, InterruptedException {
        Path data = options.state().resolve("pg/data");
        String version = Files.readString(data.resolve("PG_VERSION")).trim();
        String pgCtl = "/usr/lib/postgresql/" + version + "/bin/pg_ctl";
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(pgCtl, "stop", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30"));
        Process stop = new ProcessBuilder(command).directory(Path.of("/").toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile("pg-ctl").toFile())).start();
        if (!stop.waitFor(40, TimeUnit.SECONDS) || stop.exitValue() != 0) {
            throw new IOException("pg_ctl stop -m immediate failed (log: " + logFile("pg-ctl") + ")");
        }
        log.info("stopped Postgres (immediate)");
    }

    // ------------------------------------------------------------------------------------------------------------

    @Override
    public synchronized void close() {
        closed = true;
        for (Map.Entry<Replica, Process> entry : processes.entrySet()) {
            Process process = entry.getValue();
            if (process != null && process.isAlive()) {
                process.destroy();
            }
        }
        for (Map.Entry<Replica, Process> entry : processes.entrySet()) {
            Process process = entry.getValue();
            if (process == null) {
                continue;
            }
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Files.deleteIfExists(runDir().resolve("faults-" + entry.getKey().name() + ".pid"));
            } catch (IOException e) {
                log.warn("could not remove the pid file of {}: {}", entry.getKey(), e.toString());
            }
        }
    }

    Path logFile(String name) {
        return options.state().resolve("logs").resolve(name + ".log");
    }

    private Path runDir() throws IOException {
        return Files.createDirectories(options.state().resolve("run"));
    }

    private Path execJar(String module) throws IOException {
        Path target = options.root().resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().startsWith(module + "-")
                            && p.getFileName().toString().endsWith("-exec.jar"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new IOException("no " + module + "/target/" + module
                            + "-*-exec.jar: build with ./mvnw -B -q -DskipTests package"));
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
