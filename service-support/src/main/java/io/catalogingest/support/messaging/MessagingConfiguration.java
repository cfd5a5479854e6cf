package io.catalogingest.support.messaging;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.support.logging.RecordLogContext;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The envelope codec and the publisher. The topics are created and checked by {@code outage.TopicCreation}
 * (replication and {@code min.insync.replicas} follow the cluster's size), or by the admin where the services may not
 * create topics ({@link KafkaProvisioning}, with the ACLs of {@link KafkaGrants}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
public class MessagingConfiguration {

    @Bean
    EnvelopeCodec envelopeCodec(JsonMapper jsonMapper) {
        return new EnvelopeCodec(Messages.registry(), jsonMapper);
    }

    @Bean
    InboundRecords inboundRecords(EnvelopeCodec codec, ObjectProvider<Tracer> tracer,
                                  ObjectProvider<Propagator> propagator) {
        return new InboundRecords(codec, tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** The ids of the record being handled, in the MDC of every record listener (Spring Boot installs it). */
    @Bean
    RecordLogContext recordLogContext() {
        return new RecordLogContext();
    }

    /**
     * The publisher: Spring Boot's template (observed when {@code spring.kafka.template.observation-enabled}) for
     * records sent inside an observation, and a template without observation or timers on the same producer for the
     * others (see {@link MessagePublisher}).
     */
    @Bean
    MessagePublisher messagePublisher(KafkaTemplate<String, byte[]> kafkaTemplate, EnvelopeCodec codec,
                                      TopicProperties topics, ObjectProvider<ObservationRegistry> observations,
                                      @Value("${catalog.messaging.send-timeout:10s}") Duration sendTimeout) {
        KafkaTemplate<String, byte[]> untraced = new KafkaTemplate<>(kafkaTemplate.getProducerFactory());
        untraced.setObservationEnabled(false);
        untraced.setMicrometerEnabled(false);
        return new MessagePublisher(kafkaTemplate, untraced,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), codec, topics, sendTimeout);
    }
}
