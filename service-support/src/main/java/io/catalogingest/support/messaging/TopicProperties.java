package io.catalogingest.support.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Topic naming and sizing.
 *
 * @param prefix      put in front of every topic name (empty in production; tests isolate with it)
 * @param partitions  partitions of every topic created at startup
 * @param replication replication factor of every topic created at startup
 */
@Validated
@ConfigurationProperties("catalog.topics")
public record TopicProperties(@NotNull @DefaultValue("") String prefix,
                              @Min(1) @DefaultValue("6") int partitions,
                              @Min(1) @DefaultValue("1") short replication) {

    /** The deployed name of a topic of {@link io.catalogingest.common.envelope.Topics}. */
    public String name(String baseTopic) {
        return prefix + baseTopic;
    }
}
