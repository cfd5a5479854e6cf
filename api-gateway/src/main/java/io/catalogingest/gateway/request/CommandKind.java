package io.catalogingest.gateway.request;

import io.catalogingest.common.envelope.MessageType;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Fingerprint;
import io.catalogingest.gateway.web.Write;

/**
 * A command an endpoint publishes, named once: what the request does ({@code kind}, stored with it), the base topic and
 * the message type. {@link #request} makes the {@link CommandRequest} of one client write.
 *
 * @param kind e.g. {@code artist.create}; a retry with the same Idempotency-Key must be of the same kind
 */
public record CommandKind<T>(String kind, String topic, MessageType<T> type) {

    /**
     * @param subject   the aggregate id: the record key
     * @param canonical the request as a retry with the same Idempotency-Key must repeat it (fingerprinted)
     */
    public CommandRequest<T> request(Caller caller, Write write, String subject, T payload, String canonical) {
        return new CommandRequest<>(caller, kind, topic, type, subject, payload, Fingerprint.of(canonical),
                write.idempotencyKey(), write.respondAsync());
    }
}
