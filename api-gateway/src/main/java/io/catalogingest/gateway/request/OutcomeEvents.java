package io.catalogingest.gateway.request;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.catalogingest.common.Ids;
import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.TopicProperties;

/**
 * The wake-ups of {@link OutcomeWaiter}. Every gateway replica reads all partitions of the event topics from their
 * end (no consumer group, so replicas never share or steal partitions) and wakes the request whose id an event
 * carries back ({@code ce_requestid}). One consumer per replica, no polling per request. It reads every event of the
 * catalog, so it decodes nothing but that header: keys and values are skipped unread ({@link Skipped}). A wake-up
 * also tells {@link Acknowledgements} that the request's publication need not be recorded.
 */
@Component
class OutcomeEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeEvents.class);
    private static final List<String> OUTCOME_TOPICS = List.of(Topics.CATALOG_EVENTS, Topics.RELEASE_EVENTS);

    private static final Duration POSITIONING_WAIT = Duration.ofSeconds(15);

    private final OutcomeWaiter waiter;
    private final Acknowledgements acknowledgements;
    private final MeterRegistry meters;
    private volatile KafkaClientMetrics consumerMetrics;
    private final Map<String, String> clientSettings;
    private final String bootstrapServers;
    private final TopicProperties topics;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile KafkaConsumer<Void, Void> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    OutcomeEvents(OutcomeWaiter waiter, Acknowledgements acknowledgements,
                  @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, KafkaProperties kafka,
                  TopicProperties topics, MeterRegistry meters) {
        this.waiter = waiter;
        this.acknowledgements = acknowledgements;
        this.meters = meters;
        // spring.kafka.properties: the service's credentials (catalog-common.yml)
        this.clientSettings = Map.copyOf(kafka.getProperties());
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    @Override
    public void start() {
        Properties props = new Properties();
        props.putAll(clientSettings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-outcomes-" + UUID.randomUUID());
        consumer = new KafkaConsumer<>(props, new Skipped(), new Skipped());
        // kafka_consumer_* metrics of this reader, records lag per partition among them, on the management port
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(meters);
        running = true;
        thread = new Thread(this::run, "outcome-waiter");
        thread.setDaemon(true);
        thread.start();
        try {
            // normally positioned before the web server takes requests; with the broker down the gateway starts
            // anyway (readiness says so) and the consumer keeps trying in the background
            if (!positioned.await(POSITIONING_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Not positioned on the event topics after {}; still trying (is the broker down?)",
                        POSITIONING_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while positioning on the event topics", e);
        }
    }

    /** Whether the consumer reads the event topics (before that, a waiting request answers 202 after its wait). */
    boolean positioned() {
        return positioned.getCount() == 0;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = positionUntilDone();
            if (partitions == null) {
                return;
            }
            log.info("Waiting for outcomes on {} partitions", partitions.size());
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<Void, Void> record : consumer.poll(Duration.ofSeconds(1))) {
                    Header header = record.headers().lastHeader(CloudEventHeaders.REQUEST_ID);
                    if (header != null && complete(new String(header.value(), StandardCharsets.UTF_8))
                            && log.isDebugEnabled()) {
                        // the event's age: from the worker's send (its producer's timestamp) to this wake-up
                        log.debug("Woke a request with an event {} ms old",
                                System.currentTimeMillis() - record.timestamp());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Outcome consumer woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("Outcome consumer stopped; waiting requests will answer 202", e);
        } finally {
            consumerMetrics.close();
            consumer.close();
        }
    }

    /** Assigns every partition of the event topics at their end, retrying while the broker is down. */
    private List<TopicPartition> positionUntilDone() {
        long delay = 1000;
        while (running) {
            try {
                List<TopicPartition> partitions = partitions();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(10)));
                return partitions;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn("Cannot read the event topics yet ({}); next attempt in {} ms", e.toString(), delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                delay = Math.min(delay * 2, 10_000);
            }
        }
        return null;
    }

    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String base : OUTCOME_TOPICS) {
            String topic = topics.name(base);
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        return partitions;
    }

    /** Wakes the request, if this replica has one waiting; whether it had. */
    private boolean complete(String requestId) {
        Optional<UUID> id = Ids.uuid(requestId);
        if (id.isEmpty()) {
            log.debug("Ignoring an event whose ce_requestid is not a UUID");
            return false;
        }
        acknowledgements.answered(id.get());
        return waiter.wake(id.get());
    }

    /** Reads nothing: a key or value this consumer never looks at is neither copied nor decoded. */
    static final class Skipped implements Deserializer<Void> {

        @Override
        public Void deserialize(String topic, byte[] data) {
            return null;
        }

        @Override
        public Void deserialize(String topic, Headers headers, ByteBuffer data) {
            return null;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        waiter.stopWaiting();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the KafkaAdmin created the topics, before the web server takes requests
        return Integer.MAX_VALUE / 2;
    }
}
