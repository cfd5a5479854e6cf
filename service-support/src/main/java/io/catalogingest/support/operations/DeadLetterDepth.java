package io.catalogingest.support.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.DeadLetterReplay;
import io.catalogingest.support.messaging.TopicProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauge {@code catalog.dlt.depth} (Prometheus {@code catalog_dlt_depth}), tagged {@code topic}: the records of each
 * dead-letter topic that {@code ./catalog dlt-replay} has not sent back yet — per partition, its end offset minus the
 * replay group's committed offset (or its first offset, when the group never read it). Measured every
 * {@code catalog.metrics.dead-letters.interval} with the admin client; -1 until the broker first answered. One service
 * (the ingest-worker) imports this; {@code catalog.metrics.dead-letters.enabled=false} turns it off.
 */
@ConditionalOnProperty(name = "catalog.metrics.dead-letters.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterDepth implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDepth.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaAdmin kafkaAdmin;
    private final DeadLetterProperties properties;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService schedule;

    public DeadLetterDepth(KafkaAdmin kafkaAdmin, TopicProperties topics, DeadLetterProperties properties,
                           MeterRegistry meters) {
        this.kafkaAdmin = kafkaAdmin;
        this.properties = properties;
        for (String base : Topics.ALL) {
            String deadLetters = topics.name(Topics.deadLetter(base));
            AtomicLong depth = new AtomicLong(-1);
            depths.put(deadLetters, depth);
            Gauge.builder("catalog.dlt.depth", depth, AtomicLong::get)
                    .description("records in a dead-letter topic not yet replayed (-1: not measured yet)")
                    .tag("topic", Topics.deadLetter(base))
                    .register(meters);
        }
    }

    /** Measures every dead-letter topic once; a broker that does not answer leaves the last figures. */
    public void measure() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            Map<String, TopicDescription> described = admin.describeTopics(depths.keySet()).allTopicNames()
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            described.values().forEach(topic -> topic.partitions()
                    .forEach(partition -> partitions.add(new TopicPartition(topic.name(), partition.partition()))));
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> replayed = admin
                    .listConsumerGroupOffsets(DeadLetterReplay.GROUP).partitionsToOffsetAndMetadata()
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<String, Long> totals = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                long from = starts.getOrDefault(partition, 0L);
                OffsetAndMetadata committed = replayed.get(partition);
                if (committed != null) {
                    from = Math.max(from, committed.offset());
                }
                totals.merge(partition.topic(), Math.max(0, end - from), Long::sum);
            }
            totals.forEach((topic, total) -> depths.get(topic).set(total));
            log.debug("Dead-letter depths: {}", totals);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("Could not measure the dead-letter topics: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(request).all()
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-depth");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.interval().toMillis();
        executor.scheduleWithFixedDelay(this::measure, 0, interval, TimeUnit.MILLISECONDS);
        schedule = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = schedule;
        schedule = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
