package io.catalogingest.support.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Topic naming, sizing and durability (docs/kafka.md).
 *
 * @param prefix             put in front of every topic name (empty in production; tests isolate with it)
 * @param partitions         partitions of every topic (the most consumers a group can keep busy)
 * @param replication        replication factor of every topic; 0 (the default): min(3, brokers in the cluster)
 * @param minInsyncReplicas  {@code min.insync.replicas} of every topic; 0 (the default): 2 where the replication
 *                           factor is 3 or more, else 1
 */
@Validated
@ConfigurationProperties("catalog.topics")
public record TopicProperties(@NotNull @DefaultValue("") String prefix,
                              @Min(1) @DefaultValue("6") int partitions,
                              @Min(0) @DefaultValue("0") int replication,
                              @Min(0) @DefaultValue("0") int minInsyncReplicas) {

    /** The deployed name of a topic of {@link io.catalogingest.common.envelope.Topics}. */
    public String name(String baseTopic) {
        return prefix + baseTopic;
    }

    /** The replication factor topics must have on a cluster of {@code brokers} brokers. */
    public int replicationFor(int brokers) {
        return replicationFor(replication, brokers);
    }

    /** The {@code min.insync.replicas} topics must have on a cluster of {@code brokers} brokers. */
    public int minInsyncReplicasFor(int brokers) {
        return minInsyncReplicasFor(minInsyncReplicas, replicationFor(brokers));
    }

    /** {@code configured}, or (0) min(3, brokers). */
    public static int replicationFor(int configured, int brokers) {
        return configured > 0 ? configured : Math.max(1, Math.min(3, brokers));
    }

    /**
     * {@code configured}, or (0) 2 where the replication factor is 3 or more — an acknowledged write ({@code acks=all})
     * is then on two brokers, and one broker may be lost without refusing writes — else 1.
     */
    public static int minInsyncReplicasFor(int configured, int replication) {
        return configured > 0 ? configured : replication >= 3 ? 2 : 1;
    }
}
