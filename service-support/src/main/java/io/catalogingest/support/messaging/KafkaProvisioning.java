package io.catalogingest.support.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.catalogingest.common.envelope.Topics;

/**
 * What the Kafka admin sets up before the services start, where they may not do it themselves (docs/kafka.md,
 * ADR 0015): every topic of the pipeline and its dead-letter topic — {@code TOPIC_PARTITIONS} partitions, replication
 * factor {@code TOPIC_REPLICATION} and {@code TOPIC_MIN_INSYNC_REPLICAS} (0: from the cluster's size, as the services
 * expect them, {@link TopicProperties}) — and the ACLs of {@link KafkaGrants}. Idempotent: existing topics are left as
 * they are (the services report a mismatch), existing ACLs are kept. {@code ./catalog up} and compose run it as the
 * admin principal ({@code KAFKA_USERNAME}/{@code KAFKA_PASSWORD}, {@link KafkaClientSecurity}).
 */
public final class KafkaProvisioning {

    private static final Logger log = LoggerFactory.getLogger(KafkaProvisioning.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, Object> clientConfig;

    /** {@code clientConfig}: bootstrap servers and the admin's security settings. */
    public KafkaProvisioning(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /** Creates the missing topics and every ACL; returns how many topics it created. */
    public int provision(TopicProperties topics) throws Exception {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "catalog-provisioning");
        try (Admin admin = Admin.create(config)) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
            int replication = topics.replicationFor(brokers);
            int minInsync = topics.minInsyncReplicasFor(brokers);
            List<NewTopic> wanted = new ArrayList<>();
            for (String base : Topics.ALL) {
                for (String name : List.of(topics.name(base), topics.name(Topics.deadLetter(base)))) {
                    wanted.add(new NewTopic(name, topics.partitions(), (short) replication)
                            .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsync))));
                }
            }
            int created = 0;
            for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(wanted).values().entrySet()) {
                try {
                    result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created++;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<AclBinding> acls = KafkaGrants.bindings(topics.prefix());
            admin.createAcls(acls).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            awaitApplied(admin, acls);
            log.info("Kafka provisioned: {} of {} topics created (replication factor {}, min.insync.replicas {}, {} "
                    + "brokers), {} ACLs", created, wanted.size(), replication, minInsync, brokers, acls.size());
            return created;
        }
    }

    /**
     * Waits until the broker answers with every ACL: the controller has committed them when {@code createAcls}
     * returns, but a broker applies them a moment later, and a client let in before that is refused.
     */
    private static void awaitApplied(Admin admin, List<AclBinding> acls) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!admin.describeAcls(AclBindingFilter.ANY).values().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .containsAll(acls)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not show the ACLs within " + TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Provisions the cluster at {@code KAFKA_BOOTSTRAP_SERVERS} as {@code KAFKA_USERNAME} [admin], with
     * {@code TOPIC_PARTITIONS} [6], {@code TOPIC_REPLICATION} [0] and {@code TOPIC_MIN_INSYNC_REPLICAS} [0].
     */
    public static void main(String[] args) throws Exception {
        Map<String, Object> config = new HashMap<>(
                KafkaClientSecurity.fromEnvironment(System::getenv, KafkaGrants.ADMIN));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        TopicProperties topics = new TopicProperties("", number("TOPIC_PARTITIONS", 6), number("TOPIC_REPLICATION", 0),
                number("TOPIC_MIN_INSYNC_REPLICAS", 0));
        new KafkaProvisioning(config).provision(topics);
    }

    private static int number(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
