package io.catalogingest.support.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.envelope.UnreadableMessageException;
import io.catalogingest.support.outage.Outages;
import tools.jackson.core.JacksonException;

/**
 * The one error handler of a worker (DESIGN.md invariants 4 and 7). Three kinds of failure:
 * <ul>
 * <li>an outage of a dependency (database, broker or S3 unreachable or not answering, see {@link Outages}): retried
 * with exponential backoff (at most {@code catalog.retry.outage-max-interval} apart) for as long as the outage lasts —
 * the record is acknowledged work and waits for the dependency, it is never dead-lettered;</li>
 * <li>unreadable and poison records: straight to the topic's {@code .dlt};</li>
 * <li>anything else: retried with a bounded exponential backoff, then dead-lettered.</li>
 * </ul>
 * Dead letters go to the same partition of the {@code .dlt}, with the failure in the record's headers. Workers import
 * this configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetryProperties.class)
public class WorkerErrorHandling {

    /** Header of a dead-lettered record: why, in one line (see {@link #reason(Throwable)}). */
    public static final String REASON_HEADER = "catalog_dlt-reason";
    private static final int MAX_REASON = 300;
    private static final Logger log = LoggerFactory.getLogger(WorkerErrorHandling.class);

    @Bean
    DefaultErrorHandler workerErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate, RetryProperties retry) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, failure) -> {
                    log.warn("Sending {}-{}@{} to the dead-letter topic: {}", record.topic(), record.partition(),
                            record.offset(), reason(failure));
                    return new TopicPartition(Topics.deadLetter(record.topic()), record.partition());
                });
        // next to spring-kafka's kafka_dlt-* headers (full exception, stack trace, original topic/partition/offset)
        recoverer.addHeadersFunction((record, failure) -> new RecordHeaders(new Header[] {
                new RecordHeader(REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8))}));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, bounded(retry));
        handler.addNotRetryableExceptions(UnreadableMessageException.class, PoisonMessageException.class);
        BackOff untilBack = untilBack(retry);
        handler.setBackOffFunction((record, failure) -> {
            var outage = Outages.of(failure);
            if (outage.isEmpty()) {
                return null; // the bounded backoff
            }
            log.warn("{}-{}@{} waits for the {} to come back: {}", record.topic(), record.partition(), record.offset(),
                    outage.get().label(), reason(failure));
            return untilBack;
        });
        // an outage that ends in another failure starts the bounded count afresh, and the other way round
        handler.setResetStateOnExceptionChange(true);
        return handler;
    }

    static BackOff bounded(RetryProperties retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setMaxElapsedTime(retry.maxElapsed().toMillis());
        return backOff;
    }

    /** Unlimited attempts: the record is retried until the dependency is back. */
    static BackOff untilBack(RetryProperties retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(retry.outageMaxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return backOff;
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
