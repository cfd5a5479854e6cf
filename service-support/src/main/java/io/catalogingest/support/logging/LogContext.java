package io.catalogingest.support.logging;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

/**
 * The ids every log line about a request or a message carries, as MDC keys (plain-text and JSON logs show them):
 * {@code requestId} (the HTTP request: the gateway's {@code X-Request-Id}, a worker's {@code ce_requestid}),
 * {@code tenantId} (the JWT's tenant, or {@code ce_tenantid}) and, in workers, {@code messageId} ({@code ce_id}) and
 * {@code messageType} ({@code ce_type}). Ids only: never a payload, a token or a secret.
 */
public final class LogContext {

    public static final String REQUEST_ID = "requestId";
    public static final String TENANT_ID = "tenantId";
    public static final String MESSAGE_ID = "messageId";
    public static final String MESSAGE_TYPE = "messageType";
    private static final String[] KEYS = {REQUEST_ID, TENANT_ID, MESSAGE_ID, MESSAGE_TYPE};

    private LogContext() {
    }

    /** Puts the ids of a consumed record; returns whether it did (false: they were there already). */
    public static boolean putRecord(ConsumerRecord<?, ?> record) {
        if (MDC.get(MESSAGE_ID) != null) {
            return false;
        }
        Headers headers = record.headers();
        put(REQUEST_ID, header(headers, "ce_requestid"));
        put(TENANT_ID, header(headers, "ce_tenantid"));
        put(MESSAGE_ID, header(headers, "ce_id"));
        put(MESSAGE_TYPE, header(headers, "ce_type"));
        return true;
    }

    public static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            // ids come from clients and records: bounded, one line
            MDC.put(key, value.length() > 128 ? value.substring(0, 128) : value.replaceAll("[\\r\\n]", "_"));
        }
    }

    /** Removes every key this class puts. */
    public static void clear() {
        for (String key : KEYS) {
            MDC.remove(key);
        }
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }
}
