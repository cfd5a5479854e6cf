package io.catalogingest.approval.autocreation;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

import io.catalogingest.support.dispatch.TopicApplier;
import io.catalogingest.support.logging.LogContext;

/**
 * The auto-creation answers among a poll of the catalog event topic. The topic carries every catalog event (a
 * product create's {@code ProductCreated} among them) and the answers are rare, so a record whose {@code ce_type} is
 * not an answer is skipped on its header, undecoded; an answer is applied alone, in its own transaction, as a record
 * listener would. A failure names its record ({@link BatchListenerFailedException}): the worker's error handler
 * commits the records before it and retries or dead-letters that one, and the records after it are read again, so
 * the order per partition and at-least-once are those of a record listener (ADR 0026).
 */
final class AnswerRecords {

    private final TopicApplier answers;

    AnswerRecords(TopicApplier answers) {
        this.answers = answers;
    }

    void applyHandled(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
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
