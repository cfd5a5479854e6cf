package io.catalogingest.support.messaging;

import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.UnreadableMessageException;

/**
 * The one error handler of a worker (DESIGN.md invariant 4): transient failures are retried with a bounded
 * exponential backoff; unreadable records and exhausted retries go to the topic's {@code .dlt} on the same
 * partition, with the failure in the record's headers. Workers import this configuration.
 */
@Configuration(proxyBeanMethods = false)
public class WorkerErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(WorkerErrorHandling.class);

    @Bean
    DefaultErrorHandler workerErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate,
                                           @Value("${catalog.retry.initial-interval:200ms}") Duration initial,
                                           @Value("${catalog.retry.max-interval:5s}") Duration max,
                                           @Value("${catalog.retry.max-elapsed:30s}") Duration elapsed) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, failure) -> {
                    log.warn("Sending {}-{}@{} to the dead-letter topic: {}", record.topic(), record.partition(),
                            record.offset(), rootMessage(failure));
                    return new TopicPartition(Topics.deadLetter(record.topic()), record.partition());
                });
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        backOff.setMaxElapsedTime(elapsed.toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnreadableMessageException.class, PoisonMessageException.class);
        return handler;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
