package io.catalogingest.common.envelope;

import java.util.Objects;

/**
 * A logical message type: the id that travels in {@code ce_type} (never a Java class name) and the record
 * that its JSON value maps to.
 */
public record MessageType<T>(String id, Class<T> payloadClass) {

    public MessageType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payloadClass, "payloadClass");
        if (!id.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*\\.v[0-9]+")) {
            throw new IllegalArgumentException("message type id must look like 'catalog.product.create.v1': " + id);
        }
    }

    public static <T> MessageType<T> of(String id, Class<T> payloadClass) {
        return new MessageType<>(id, payloadClass);
    }
}
