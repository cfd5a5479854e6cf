package io.catalogingest.common;

import java.util.Optional;
import java.util.UUID;

/** The id of a media file (one per media key). */
public record MediaId(UUID value) implements TypedId {

    public MediaId {
        if (value == null) {
            throw new IllegalArgumentException("a media id needs a value");
        }
    }

    /** The id {@code text} names, by {@link Ids#uuid} (the one parser); empty when it names none. */
    public static Optional<MediaId> parse(String text) {
        return Ids.uuid(text).map(MediaId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
