package io.catalogingest.support.logging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the ids of each record a record listener handles into the MDC ({@link LogContext}) and removes them when it is
 * done; Spring Boot installs it on every listener container its configurer builds. (Batch listeners get the ids per
 * record where {@code InboundRecords} reads them.)
 */
public class RecordLogContext implements RecordInterceptor<Object, Object> {

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                    Consumer<Object, Object> consumer) {
        LogContext.clear();
        LogContext.putRecord(record);
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        LogContext.clear();
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        LogContext.clear();
    }
}
