package io.catalogingest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ProxyJarTest {

    @TempDir
    Path directory;

    @Test
    void takesTheJarNamedBySystemPropertyBeforeTheEnvironment() throws IOException {
        Path fromProperty = Files.createFile(directory.resolve("a.jar"));
        Path fromEnvironment = Files.createFile(directory.resolve("b.jar"));

        Path jar = S3ProxyJar.locate(Map.of("S3PROXY_JAR", fromEnvironment.toString())::get,
                Map.of("s3proxy.jar", fromProperty.toString())::get);

        assertThat(jar).isEqualTo(fromProperty);
    }

    @Test
    void refusesANamedJarThatDoesNotExist() {
        Map<String, String> environment = Map.of("S3PROXY_JAR", directory.resolve("missing.jar").toString());

        assertThatThrownBy(() -> S3ProxyJar.locate(environment::get, Map.<String, String>of()::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.jar");
    }

    @Test
    void findsTheJarInTheLocalRepositoryGivenByMavenRepoLocal() throws IOException {
        Path repository = directory.resolve("repository");
        Path expected = repository.resolve(S3ProxyJar.inRepository("4.1.0"));
        Files.createDirectories(expected.getParent());
        Files.createFile(expected);

        Path jar = S3ProxyJar.locate(Map.<String, String>of()::get,
                Map.of("maven.repo.local", repository.toString(), "user.home", directory.toString())::get);

        assertThat(jar).isEqualTo(expected);
    }

    @Test
    void findsTheJarThisModulesBuildDownloaded() {
        Path jar = S3ProxyJar.locate(Map.<String, String>of()::get, System::getProperty);

        assertThat(jar).isRegularFile().hasFileName("s3proxy-4.1.0-jar-with-dependencies.jar");
    }
}
