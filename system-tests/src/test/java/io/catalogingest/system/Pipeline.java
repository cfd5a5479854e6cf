package io.catalogingest.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.catalogingest.approval.ApprovalWorkerApplication;
import io.catalogingest.gateway.GatewayApplication;
import io.catalogingest.ingest.IngestWorkerApplication;
import io.catalogingest.testsupport.Isolation;
import io.catalogingest.webhook.WebhookDispatcherApplication;

/**
 * The whole pipeline in one JVM: the gateway on a free port and both workers (without web servers), each its own
 * Spring context, sharing the isolated schema, topics and buckets of one test class.
 */
final class Pipeline implements AutoCloseable {

    static final String JWT_SECRET = "system-test-secret-of-at-least-32-bytes!!";
    static final String ISSUER = "catalog-ingest-test";
    static final String AUDIENCE = "catalog-ingest";
    private static final List<String> WORKER_HAS_NO_SECURITY = List.of(
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration");

    private final Isolation isolation;
    /** Workers run without web servers, unless a test wants their management ports ({@link #startManaged}). */
    private final WebApplicationType workerWeb;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private ConfigurableApplicationContext gateway;
    private ConfigurableApplicationContext ingestWorker;
    private ConfigurableApplicationContext approvalWorker;

    private Pipeline(Isolation isolation) {
        this(isolation, WebApplicationType.NONE);
    }

    private Pipeline(Isolation isolation, WebApplicationType workerWeb) {
        this.isolation = isolation;
        this.workerWeb = workerWeb;
    }

    /** Starts the ingest-worker, the approval-worker and the gateway. */
    static Pipeline start(Isolation isolation, Map<String, Object> extraProperties) {
        return start(new Pipeline(isolation), extraProperties);
    }

    /** As {@link #start}, with the workers' web servers too, so that each service answers on its management port. */
    static Pipeline startManaged(Isolation isolation, Map<String, Object> extraProperties) {
        return start(new Pipeline(isolation, WebApplicationType.SERVLET), extraProperties);
    }

    private static Pipeline start(Pipeline pipeline, Map<String, Object> extraProperties) {
        try {
            pipeline.ingestWorker = pipeline.startIngestWorker(extraProperties);
            pipeline.approvalWorker = pipeline.startApprovalWorker(extraProperties);
            pipeline.gateway = pipeline.run(GatewayApplication.class, WebApplicationType.SERVLET,
                    Map.of("server.port", "0"), extraProperties);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    static Pipeline start(Isolation isolation) {
        return start(isolation, Map.of());
    }

    /** Nothing started yet: the test starts the services it needs (e.g. {@link #startIngestWorker}). */
    static Pipeline empty(Isolation isolation) {
        return new Pipeline(isolation);
    }

    /** Starts the gateway alone (no workers), e.g. against a dependency a test stops and starts. */
    static Pipeline gatewayOnly(Isolation isolation, Map<String, Object> extraProperties) {
        Pipeline pipeline = new Pipeline(isolation);
        try {
            pipeline.gateway = pipeline.run(GatewayApplication.class, WebApplicationType.SERVLET,
                    Map.of("server.port", "0"), extraProperties);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    ConfigurableApplicationContext startIngestWorker(Map<String, Object> extraProperties) {
        ConfigurableApplicationContext context = run(IngestWorkerApplication.class, workerWeb,
                Map.of("server.port", "0"), extraProperties);
        ingestWorker = context;
        return context;
    }

    ConfigurableApplicationContext startGateway(Map<String, Object> extraProperties) {
        gateway = run(GatewayApplication.class, WebApplicationType.SERVLET, Map.of("server.port", "0"),
                extraProperties);
        return gateway;
    }

    ConfigurableApplicationContext startApprovalWorker(Map<String, Object> extraProperties) {
        ConfigurableApplicationContext context = run(ApprovalWorkerApplication.class, workerWeb,
                Map.of("server.port", "0"), extraProperties);
        approvalWorker = context;
        return context;
    }

    /** Starts a webhook-dispatcher (not part of {@link #start}: only the tests of webhooks need one). */
    ConfigurableApplicationContext startWebhookDispatcher(Map<String, Object> extraProperties) {
        return startWebhookDispatcher(WebApplicationType.NONE, extraProperties);
    }

    /** As {@link #startWebhookDispatcher}, with its web server, so that it answers on its management port. */
    ConfigurableApplicationContext startManagedWebhookDispatcher(Map<String, Object> extraProperties) {
        return startWebhookDispatcher(WebApplicationType.SERVLET, extraProperties);
    }

    private ConfigurableApplicationContext startWebhookDispatcher(WebApplicationType type,
                                                                  Map<String, Object> extraProperties) {
        // every service's application.yml is named alike on this classpath: the dispatcher's own keys are given here
        return run(WebhookDispatcherApplication.class, type,
                Map.of("server.port", "0", "catalog.health.readiness-include", "readinessState,db,schema"),
                extraProperties);
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
    }

    /** The gateway's management port: health, metrics, Prometheus, without a token. */
    String gatewayManagementUrl() {
        return managementUrl(gateway);
    }

    /** A service's management port (workers: only when started by {@link #startManaged}). */
    static String managementUrl(ConfigurableApplicationContext service) {
        String port = service.getEnvironment().getProperty("local.management.port");
        if (port == null) {
            throw new IllegalStateException(service.getId() + " has no management port (no web server?)");
        }
        return "http://127.0.0.1:" + port;
    }

    ConfigurableApplicationContext gateway() {
        return gateway;
    }

    ConfigurableApplicationContext ingestWorker() {
        return ingestWorker;
    }

    ConfigurableApplicationContext approvalWorker() {
        return approvalWorker;
    }

    Isolation isolation() {
        return isolation;
    }

    private ConfigurableApplicationContext run(Class<?> application, WebApplicationType type,
                                               Map<String, Object> own, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(isolation.springProperties());
        properties.put("catalog.security.jwt.secret", JWT_SECRET);
        properties.put("catalog.security.jwt.issuer", ISSUER);
        properties.put("catalog.security.jwt.audience", AUDIENCE);
        properties.put("spring.kafka.consumer.properties.max.poll.interval.ms", "60000");
        properties.put("catalog.retry.max-elapsed", "5s");
        properties.put("spring.main.banner-mode", "off");
        // a free port each: test JVMs run side by side on one machine
        properties.put("management.server.port", "0");
        // test infrastructure may run with the published development credentials (CATALOG_TEST_* at ./catalog up)
        properties.put("spring.profiles.active", "local");
        if (application != GatewayApplication.class && type == WebApplicationType.SERVLET) {
            // the gateway's Spring Security is on this JVM's classpath, never on a worker's (its jar has none)
            properties.put("spring.autoconfigure.exclude", String.join(",", WORKER_HAS_NO_SECURITY));
        }
        properties.putAll(own);
        properties.putAll(extra);
        // as command-line arguments: they outrank the services' own configuration files
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(type)
                .run(args);
        contexts.add(context);
        return context;
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
        contexts.clear();
        List<String> violations = EventSchemaCheck.violations(
                isolation.springProperties().get("spring.kafka.bootstrap-servers"), isolation.topicPrefix());
        if (!violations.isEmpty()) {
            throw new AssertionError("Events that do not match the JSON Schema common publishes for their type: "
                    + violations);
        }
    }
}
