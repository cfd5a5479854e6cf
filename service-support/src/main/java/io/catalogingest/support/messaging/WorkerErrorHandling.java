package io.catalogingest.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import tools.jackson.core.JacksonException;

/**
 * The one error handler of a worker (DESIGN.md invariant 4): transient failures are retried with a bounded
 * exponential backoff; unreadable records and exhausted retries go to the topic's {@code .dlt} on the same
 * partition, with the failure in the record's headers. Workers import this configuration.
 */
@Configuration(proxyBeanMethods = false)
public class WorkerErrorHandling {

    /** Header of a dead-lettered record: why, in one line (see {@link #reason(Throwable)}). */
    public static final String REASON_HEADER = "catalog_dlt-reason";
    private static final int MAX_REASON = 300;
    private static final Logger log = LoggerFactory.getLogger(WorkerErrorHandling.class);

    @Bean
    DefaultErrorHandler workerErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate,
                                           @Value("${catalog.retry.initial-interval:200ms}") Duration initial,
                                           @Value("${catalog.retry.max-interval:5s}") Duration max,
                                           @Value("${catalog.retry.max-elapsed:30s}") Duration elapsed) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, failure) -> {
                    log.warn("Sending {}-{}@{} to the dead-letter topic: {}", record.topic(), record.partition(),
                            record.offset(), reason(failure));
                    return new TopicPartition(Topics.deadLetter(record.topic()), record.partition());
                });
        // next to spring-kafka's kafka_dlt-* headers (full exception, stack trace, original topic/partition/offset)
        recoverer.addHeadersFunction((record, failure) -> new RecordHeaders(new Header[] {
                new RecordHeader(REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8))}));
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        backOff.setMaxElapsedTime(elapsed.toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnreadableMessageException.class, PoisonMessageException.class);
        return handler;
    }

    /**
     * Why a record was dead-lettered, in one line fit for a log: our own exception's message when there is one
     * (missing header, unknown type, tenant mismatch ...), else the root cause's. Never the record's content: a
     * JSON parse error says where, not what (Jackson's messages quote the offending text); control characters of
     * header values an attacker chose are masked, and the length is bounded.
     */
    static String reason(Throwable failure) {
        Throwable own = null;
        Throwable root = failure;
        JacksonException parse = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (own == null && (cause instanceof UnreadableMessageException || cause instanceof PoisonMessageException)) {
                own = cause;
            }
            if (parse == null && cause instanceof JacksonException jackson) {
                parse = jackson;
            }
            root = cause;
        }
        Throwable named = own != null ? own : root;
        String message = parse != null ? "the value cannot be read (" + parse.getClass().getSimpleName()
                + (parse.getLocation() == null ? "" : " at line " + parse.getLocation().getLineNr() + ", column "
                + parse.getLocation().getColumnNr()) + ")"
                : String.valueOf(named.getMessage());
        String text = named.getClass().getSimpleName() + ": " + message;
        text = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }
}
