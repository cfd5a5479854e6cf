package io.catalogingest.common.envelope;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The set of message types a codec knows, looked up by wire id or by payload class. */
public final class MessageTypes {

    private final Map<String, MessageType<?>> byId = new LinkedHashMap<>();
    private final Map<Class<?>, MessageType<?>> byClass = new LinkedHashMap<>();

    public MessageTypes(Collection<? extends MessageType<?>> types) {
        for (MessageType<?> type : types) {
            if (byId.putIfAbsent(type.id(), type) != null) {
                throw new IllegalArgumentException("duplicate message type id " + type.id());
            }
            if (byClass.putIfAbsent(type.payloadClass(), type) != null) {
                throw new IllegalArgumentException("payload class registered twice: " + type.payloadClass().getName());
            }
        }
    }

    public Optional<MessageType<?>> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @SuppressWarnings("unchecked")
    public <T> MessageType<T> of(Class<T> payloadClass) {
        MessageType<?> type = byClass.get(payloadClass);
        if (type == null) {
            throw new IllegalArgumentException("no message type for " + payloadClass.getName());
        }
        return (MessageType<T>) type;
    }

    public List<MessageType<?>> all() {
        return List.copyOf(byId.values());
    }
}
