package io.catalogingest.approval.autocreation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.BatchListenerFailedException;

import io.catalogingest.common.envelope.CloudEventHeaders;
import io.catalogingest.support.dispatch.TopicApplier;
import io.catalogingest.support.logging.LogContext;

/**
 * The auto-creation answers among a poll of the catalog event topic. The topic carries every catalog event (a
 * product create's {@code ProductCreated} among them) and the answers are rare, so a record whose {@code ce_type} is
 * not an answer's is skipped on that header alone, undecoded; an answer is applied alone, in its own transaction and
 * with its ids in the MDC, as a record listener would. A failure names its record
 * ({@link BatchListenerFailedException}): the worker's error handler commits the records before it and retries or
 * dead-letters that one, and the records after it are read again, so the order per partition and at-least-once are
 * those of a record listener (ADR 0026).
 */
final class AnswerRecords {

    private final TopicApplier answers;
    private final Set<String> types;

    /**
     * @param answers the applier of the topic's answers
     * @param types   their {@code ce_type}s
     */
    AnswerRecords(TopicApplier answers, Set<String> types) {
        this.answers = answers;
        this.types = Set.copyOf(types);
    }

    void applyHandled(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
            if (type == null || type.value() == null || !types.contains(new String(type.value(), UTF_8))) {
                continue;
            }
            boolean put = LogContext.putRecord(record);
            try {
                answers.applyIfHandled(record);
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, record);
            } finally {
                if (put) {
                    LogContext.clear();
                }
            }
        }
    }
}
