package io.catalogingest.support.outage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.TopicProperties;

/**
 * Makes sure the pipeline's topics exist and are as durable as configured (docs/kafka.md): once the broker answers,
 * creates what is missing — where the service may (an open broker, tests; under ACLs the admin creates them,
 * {@code KafkaProvisioning}) — with {@code catalog.topics.partitions}, the replication factor and
 * {@code min.insync.replicas} of {@link TopicProperties} for the cluster's size; then checks every topic. A topic with
 * another replication factor or {@code min.insync.replicas} keeps readiness DOWN, with the reason in the health
 * details and an error in the log, until it is fixed; fewer partitions than configured are only a warning (fewer
 * consumers can share the work). The first attempt runs while the context starts; later ones in the background, with
 * backoff, while the broker is down, the principal may not see the topics, or they do not match.
 */
final class TopicCreation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicCreation.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaAdmin admin;
    private final TopicProperties topics;
    private volatile boolean created;
    private volatile String problem = "topics not checked yet";
    private volatile boolean running;
    private volatile Thread thread;

    TopicCreation(KafkaAdmin admin, TopicProperties topics) {
        this.admin = admin;
        this.topics = topics;
    }

    /** Whether every topic exists and matches the settings. */
    boolean created() {
        return created;
    }

    /** Why not, when not. */
    String problem() {
        return problem;
    }

    @Override
    public void start() {
        running = true;
        if (attempt()) {
            return;
        }
        thread = new Thread(this::retryUntilDone, "topic-creation");
        thread.setDaemon(true);
        thread.start();
    }

    private void retryUntilDone() {
        Duration delay = FIRST_RETRY;
        String reported = null;
        while (running && !created) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt()) {
                return;
            }
            if (!problem.equals(reported)) {
                reported = problem;
            } else {
                delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
            }
        }
    }

    /** One round: create what is missing, check everything; whether all is well. */
    private boolean attempt() {
        Map<String, Object> config = new HashMap<>(admin.getConfigurationProperties());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "topic-check");
        try (Admin client = Admin.create(config)) {
            int brokers = client.describeCluster().nodes().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            int replication = topics.replicationFor(brokers);
            int minInsync = topics.minInsyncReplicasFor(brokers);
            List<String> names = names();
            createMissing(client, names, replication, minInsync);
            List<String> mismatches = check(client, names, replication, minInsync, brokers);
            if (mismatches.isEmpty()) {
                created = true;
                problem = null;
                log.info("{} topics present: replication factor {}, min.insync.replicas {} ({} brokers)",
                        names.size(), replication, minInsync, brokers);
                return true;
            }
            report(String.join("; ", mismatches) + ". Fix the topics (kafka-configs, kafka-reassign-partitions) or set "
                    + "catalog.topics.replication / min-insync-replicas (TOPIC_REPLICATION, TOPIC_MIN_INSYNC_REPLICAS; "
                    + "0 = min(3, brokers) and 2 from 3 replicas); docs/kafka.md", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            failed(e.getCause());
        } catch (Exception e) {
            failed(e);
        }
        return false;
    }

    private void failed(Throwable cause) {
        if (cause instanceof AuthorizationException) {
            report("this service's Kafka principal may not describe or create the pipeline's topics ("
                    + cause.getMessage() + "): the admin creates them and grants DESCRIBE (./catalog up does; "
                    + "KafkaProvisioning, docs/kafka.md)", true);
        } else {
            report("the broker is unavailable (" + cause.getClass().getSimpleName() + "); topics not checked yet", false);
        }
    }

    private void report(String reason, boolean error) {
        boolean changed = !reason.equals(problem);
        problem = reason;
        if (!changed) {
            log.debug("Topics not ready: {}", reason);
        } else if (error) {
            log.error("Topics not ready, readiness stays DOWN: {}", reason);
        } else {
            log.warn("Topics not ready, readiness stays DOWN: {}", reason);
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (String base : Topics.ALL) {
            names.add(topics.name(base));
            names.add(topics.name(Topics.deadLetter(base)));
        }
        return names;
    }

    private void createMissing(Admin client, List<String> names, int replication, int minInsync) throws Exception {
        List<NewTopic> missing = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry
                : client.describeTopics(names).topicNameValues().entrySet()) {
            try {
                entry.getValue().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                missing.add(new NewTopic(entry.getKey(), topics.partitions(), (short) replication)
                        .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsync))));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        for (Map.Entry<String, KafkaFuture<Void>> entry : client.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created topic {}", entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private List<String> check(Admin client, List<String> names, int replication, int minInsync, int brokers)
            throws Exception {
        Map<String, TopicDescription> described = client.describeTopics(names).allTopicNames()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<ConfigResource, String> resources = new LinkedHashMap<>();
        names.forEach(name -> resources.put(new ConfigResource(ConfigResource.Type.TOPIC, name), name));
        Map<ConfigResource, Config> configs = client.describeConfigs(resources.keySet()).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<String> mismatches = new ArrayList<>();
        for (String name : names) {
            TopicDescription topic = described.get(name);
            int actualReplication = topic.partitions().get(0).replicas().size();
            ConfigEntry entry = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            int actualMinInsync = entry == null ? 1 : Integer.parseInt(entry.value());
            if (actualReplication != replication || actualMinInsync != minInsync) {
                mismatches.add("topic " + name + " has replication factor " + actualReplication
                        + " and min.insync.replicas " + actualMinInsync + ", this service expects " + replication
                        + " and " + minInsync + " (" + brokers + " brokers)");
            } else if (topic.partitions().size() < topics.partitions()) {
                log.warn("Topic {} has {} partitions, catalog.topics.partitions says {}: at most {} consumers of a "
                        + "group share its work", name, topic.partitions().size(), topics.partitions(),
                        topic.partitions().size());
            }
        }
        return mismatches;
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the gateway's outcome consumer (Integer.MAX_VALUE / 2) positions itself on the event topics
        return Integer.MAX_VALUE / 4;
    }
}
