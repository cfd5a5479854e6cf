package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.catalogingest.approval.ApprovalWorkerApplication;
import io.catalogingest.gateway.GatewayApplication;
import io.catalogingest.ingest.IngestWorkerApplication;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.catalogingest.webhook.WebhookDispatcherApplication;

/**
 * The services refuse to start with a credential whose default is published in the repository — the gateway's
 * development JWT secret, the S3 secret key, the database password — unless the local or dev profile is active, and
 * the refusal names the setting, never its value.
 */
@CatalogInfrastructureTest
class InsecureDefaultsIT {

    private static final String DEV_JWT = "local-dev-secret-change-me-at-least-32-bytes!!";
    private static final String DEV_S3 = "catalog-secret-key-change-me";
    private static Isolation isolation;

    @BeforeAll
    static void isolate(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
    }

    @Test
    void theGatewayRefusesTheDevelopmentJwtSecretWithoutALocalProfile() {
        Throwable refused = refusal(GatewayApplication.class, WebApplicationType.SERVLET,
                Map.of("catalog.security.jwt.secret", DEV_JWT));

        assertThat(trace(refused)).contains("JWT_SECRET").contains("SPRING_PROFILES_ACTIVE=local")
                .doesNotContain(DEV_JWT);
    }

    @Test
    void workersRefuseTheDefaultS3SecretAndDatabasePasswordWithoutALocalProfile() {
        Map<String, Object> defaults = Map.of("catalog.storage.secret-key", DEV_S3,
                "spring.datasource.password", "catalog");
        for (Class<?> worker : new Class<?>[] {IngestWorkerApplication.class, ApprovalWorkerApplication.class}) {
            String trace = trace(refusal(worker, WebApplicationType.NONE, defaults));
            assertThat(trace).as(worker.getSimpleName()).contains("S3_SECRET_KEY").contains("DB_PASSWORD")
                    .doesNotContain(DEV_S3);
        }
    }

    @Test
    void theWebhookDispatcherRefusesTheDefaultDatabasePasswordWithoutALocalProfile() {
        String trace = trace(refusal(WebhookDispatcherApplication.class, WebApplicationType.SERVLET,
                Map.of("spring.datasource.password", "catalog")));

        assertThat(trace).contains("DB_PASSWORD").contains("SPRING_PROFILES_ACTIVE=local")
                .doesNotContain("S3_SECRET_KEY");
    }

    @Test
    void theDevelopmentDefaultsAreAcceptedUnderTheLocalOrDevProfile() {
        for (String profile : new String[] {"local", "dev"}) {
            Map<String, Object> properties = new HashMap<>(Map.of("catalog.security.jwt.secret", DEV_JWT,
                    "spring.profiles.active", profile));
            try (ConfigurableApplicationContext gateway = run(GatewayApplication.class, WebApplicationType.SERVLET,
                    properties)) {
                assertThat(gateway.isActive()).isTrue();
            }
        }
    }

    private static Throwable refusal(Class<?> application, WebApplicationType type, Map<String, Object> extra) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> run(application, type, extra).close()).satisfies(e -> thrown[0] = e);
        return thrown[0];
    }

    private static ConfigurableApplicationContext run(Class<?> application, WebApplicationType type,
                                                      Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(isolation.springProperties());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("catalog.security.jwt.issuer", Pipeline.ISSUER);
        properties.put("catalog.security.jwt.audience", Pipeline.AUDIENCE);
        properties.putAll(extra);
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).web(type).run(args);
    }

    private static String trace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
