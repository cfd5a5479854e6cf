package io.catalogingest.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy with a filesystem backend in a temporary directory, run as a child process on a free port of
 * 127.0.0.1 (in a test JVM its many dependencies would clash with the application's). Stopped by
 * {@link #close()}, and by a shutdown hook should the JVM end first.
 */
final class S3ProxyProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3ProxyProcess.class);

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private static final int ATTEMPTS = 3;

    /** Single-part PUTs up to 1 GiB (S3Proxy refuses more than 128 MiB by default). */
    private static final long MAX_NON_CHUNKED_REQUEST_SIZE = 1L << 30;

    private final Process process;

    private final Path workDirectory;

    private final String endpoint;

    private final Thread shutdownHook;

    private S3ProxyProcess(Process process, Path workDirectory, String endpoint) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.endpoint = endpoint;
        this.shutdownHook = new Thread(this::stopNow, "s3proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static S3ProxyProcess start(Path jar, String identity, String credential) throws IOException {
        Path workDirectory = Files.createTempDirectory("catalog-s3proxy-");
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOnFreePort(jar, workDirectory, identity, credential);
                }
                catch (ExitedEarly e) {
                    // Most likely another process took the port between our check and S3Proxy's bind.
                    if (attempt == ATTEMPTS) {
                        throw new IllegalStateException(e.getMessage());
                    }
                    log.debug("S3Proxy exited early, retrying on another port: {}", e.getMessage());
                }
            }
        }
        catch (RuntimeException | IOException e) {
            deleteRecursively(workDirectory);
            throw e;
        }
    }

    String endpoint() {
        return endpoint;
    }

    /** The operating-system process id of the S3Proxy process (to stall it with SIGSTOP in a test). */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook does the same.
        }
        stop(process);
        deleteRecursively(workDirectory);
        log.debug("S3Proxy at {} stopped", endpoint);
    }

    private void stopNow() {
        process.destroyForcibly();
        deleteRecursively(workDirectory);
    }

    private static S3ProxyProcess startOnFreePort(Path jar, Path workDirectory, String identity, String credential)
            throws IOException, ExitedEarly {
        String endpoint = "http://127.0.0.1:" + freePort();
        Path data = Files.createDirectories(workDirectory.resolve("data"));
        Path configuration = workDirectory.resolve("s3proxy.properties");
        Path logFile = workDirectory.resolve("s3proxy.log");

        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", identity);
        properties.setProperty("s3proxy.credential", credential);
        properties.setProperty("s3proxy.v4-max-non-chunked-request-size", Long.toString(MAX_NON_CHUNKED_REQUEST_SIZE));
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.filesystem.basedir", data.toString());
        try (OutputStream out = Files.newOutputStream(configuration)) {
            properties.store(out, "S3Proxy for catalog-ingest tests");
        }

        List<String> command = List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "--properties", configuration.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        try {
            awaitAnswer(process, endpoint, logFile);
        }
        catch (RuntimeException | ExitedEarly e) {
            stop(process);
            throw e;
        }
        log.debug("S3Proxy {} answers at {}", jar.getFileName(), endpoint);
        return new S3ProxyProcess(process, workDirectory, endpoint);
    }

    /** Polls until S3Proxy answers HTTP at all (anonymous requests are refused, which is an answer). */
    private static void awaitAnswer(Process process, String endpoint, Path logFile) throws ExitedEarly {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            }
            catch (IOException e) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
            }
            try {
                process.onExit().get(100, TimeUnit.MILLISECONDS);
                throw new ExitedEarly("S3Proxy exited with " + process.exitValue() + " before answering at " + endpoint
                        + "; its output:\n" + tail(logFile));
            }
            catch (TimeoutException e) {
                // still running: ask again
            }
            catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
            }
        }
        throw new IllegalStateException("S3Proxy did not answer at " + endpoint + " within " + STARTUP_TIMEOUT
                + "; its output:\n" + tail(logFile));
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException e) {
            log.debug("Could not delete {}", directory, e);
        }
    }

    /** S3Proxy ended before it answered. */
    private static final class ExitedEarly extends Exception {

        ExitedEarly(String message) {
            super(message, null, false, false);
        }
    }
}
