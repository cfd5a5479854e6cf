package io.catalogingest.common;

import java.util.Optional;
import java.util.UUID;

/** The id of a track of a release. */
public record TrackId(UUID value) implements TypedId {

    public TrackId {
        if (value == null) {
            throw new IllegalArgumentException("a track id needs a value");
        }
    }

    /** The id {@code text} names, by {@link Ids#uuid} (the one parser); empty when it names none. */
    public static Optional<TrackId> parse(String text) {
        return Ids.uuid(text).map(TrackId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
