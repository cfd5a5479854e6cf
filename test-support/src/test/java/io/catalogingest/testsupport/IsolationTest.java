package io.catalogingest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.DockerClientFactory;

@CatalogInfrastructureTest
class IsolationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://db:5432/catalog                                | jdbc:postgresql://db:5432/catalog?currentSchema=t_1
            jdbc:postgresql://db:5432/catalog?                               | jdbc:postgresql://db:5432/catalog?currentSchema=t_1
            jdbc:postgresql://db:5432/catalog?loggerLevel=OFF                | jdbc:postgresql://db:5432/catalog?loggerLevel=OFF&currentSchema=t_1
            jdbc:postgresql://db/catalog?ssl=false&currentSchema=public&a=b  | jdbc:postgresql://db/catalog?ssl=false&a=b&currentSchema=t_1
            jdbc:postgresql://db/catalog?currentSchema=public                | jdbc:postgresql://db/catalog?currentSchema=t_1
            """)
    void addsTheCurrentSchemaToAnyJdbcUrl(String jdbcUrl, String expected) {
        assertThat(Infrastructure.withCurrentSchema(jdbcUrl, "t_1")).isEqualTo(expected);
    }

    @Test
    void masksPasswordsInJdbcUrls() {
        assertThat(Infrastructure.redacted("jdbc:postgresql://db/catalog?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/catalog?user=u&password=***&ssl=true");
    }

    @Test
    void givesEachIsolationItsOwnNamesAndTheSpringPropertiesToReachThem(Infrastructure infrastructure) {
        Isolation first = infrastructure.isolate();
        Isolation second = infrastructure.isolate();

        assertThat(first.schema()).matches("t_[0-9a-f]{8}");
        String id = first.schema().substring(2);
        assertThat(first.topicPrefix()).isEqualTo("t" + id + ".");
        assertThat(first.tempBucket()).isEqualTo("t" + id + "-uploads-temp");
        assertThat(first.mediaBucket()).isEqualTo("t" + id + "-media");
        assertThat(first.topic("catalog.products")).isEqualTo("t" + id + ".catalog.products");
        assertThat(second.schema()).isNotEqualTo(first.schema());

        assertThat(first.springProperties())
                .containsEntry("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers())
                .containsEntry("spring.datasource.url",
                        Infrastructure.withCurrentSchema(infrastructure.jdbcUrl(), first.schema()))
                .containsEntry("spring.datasource.username", infrastructure.jdbcUser())
                .containsEntry("spring.datasource.password", infrastructure.jdbcPassword())
                .containsEntry("spring.flyway.schemas", first.schema())
                .containsEntry("spring.flyway.default-schema", first.schema())
                .containsEntry("catalog.storage.endpoint", infrastructure.s3Endpoint())
                .containsEntry("catalog.storage.public-endpoint", infrastructure.s3Endpoint())
                .containsEntry("catalog.storage.access-key", infrastructure.s3AccessKey())
                .containsEntry("catalog.storage.secret-key", infrastructure.s3SecretKey())
                .containsEntry("catalog.storage.temp-bucket", first.tempBucket())
                .containsEntry("catalog.storage.media-bucket", first.mediaBucket())
                .containsEntry("catalog.topics.prefix", first.topicPrefix())
                .hasSize(13);
    }

    @Test
    void neverPrintsSecrets(Infrastructure infrastructure) {
        Isolation isolation = infrastructure.isolate();

        assertThat(infrastructure.toString()).doesNotContain(infrastructure.s3SecretKey());
        assertThat(isolation.toString()).doesNotContain(infrastructure.s3SecretKey());
    }

    @Test
    void namesWhereEachServiceCameFrom(Infrastructure infrastructure) {
        String otherwise = DockerClientFactory.instance().isDockerAvailable() ? "testcontainers" : "embedded";
        String kafka = given(InfrastructureLauncher.KAFKA_BOOTSTRAP) ? "environment" : otherwise;
        String postgres = given(InfrastructureLauncher.JDBC_URL) ? "environment" : otherwise;
        String s3 = given(InfrastructureLauncher.S3_ENDPOINT) ? "environment" : otherwise;

        assertThat(infrastructure.source()).isEqualTo(kafka.equals(postgres) && postgres.equals(s3) ? kafka
                : "kafka=" + kafka + ",postgres=" + postgres + ",s3=" + s3);
    }

    private static boolean given(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }
}
