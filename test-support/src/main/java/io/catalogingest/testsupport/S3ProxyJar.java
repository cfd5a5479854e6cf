package io.catalogingest.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the runnable S3Proxy jar ({@code org.gaul:s3proxy:<version>:jar:jar-with-dependencies}), which
 * this module's build downloads into the local Maven repository as a provided dependency.
 * <ol>
 * <li>the system property {@code s3proxy.jar}, else the environment variable {@code S3PROXY_JAR}
 * (when given, the file must exist);</li>
 * <li>else the local repository named by the system property {@code maven.repo.local}, the one this
 * module was built with, and {@code ~/.m2/repository}, in that order.</li>
 * </ol>
 */
final class S3ProxyJar {

    static final String SYSTEM_PROPERTY = "s3proxy.jar";
    static final String ENVIRONMENT_VARIABLE = "S3PROXY_JAR";

    private static final String FALLBACK_VERSION = "4.1.0";

    private S3ProxyJar() {
    }

    static Path locate(Function<String, String> environment, Function<String, String> systemProperties) {
        String explicit = firstNonBlank(systemProperties.apply(SYSTEM_PROPERTY), environment.apply(ENVIRONMENT_VARIABLE));
        if (explicit != null) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("S3Proxy jar given by -D" + SYSTEM_PROPERTY + " or " + ENVIRONMENT_VARIABLE
                        + " does not exist: " + jar);
            }
            return jar;
        }
        Properties build = buildProperties();
        String version = usable(build.getProperty("s3proxy.version"), FALLBACK_VERSION);
        Set<Path> repositories = new LinkedHashSet<>();
        addIfUsable(repositories, systemProperties.apply("maven.repo.local"));
        addIfUsable(repositories, build.getProperty("maven.local-repository"));
        addIfUsable(repositories, Path.of(systemProperties.apply("user.home"), ".m2", "repository").toString());
        for (Path repository : repositories) {
            Path jar = repository.resolve(inRepository(version));
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("S3Proxy " + version + " jar not found in " + repositories + " (looked for "
                + inRepository(version) + "). Build test-support with Maven, which downloads it, or run "
                + "`./mvnw dependency:get -Dartifact=org.gaul:s3proxy:" + version
                + ":jar:jar-with-dependencies -Dtransitive=false`, or give its path with -D" + SYSTEM_PROPERTY
                + " or " + ENVIRONMENT_VARIABLE + ".");
    }

    static Path inRepository(String version) {
        return Path.of("org", "gaul", "s3proxy", version, "s3proxy-" + version + "-jar-with-dependencies.jar");
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = S3ProxyJar.class.getResourceAsStream("test-support.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static void addIfUsable(Set<Path> repositories, String directory) {
        String usable = usable(directory, null);
        if (usable != null) {
            repositories.add(Path.of(usable));
        }
    }

    /** A value, unless blank or an unfiltered {@code @placeholder@}. */
    private static String usable(String value, String fallback) {
        return value == null || value.isBlank() || value.contains("@") ? fallback : value.trim();
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first.trim();
        }
        return second == null || second.isBlank() ? null : second.trim();
    }
}
