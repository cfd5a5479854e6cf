package io.catalogingest.common;

import java.util.Optional;
import java.util.UUID;

/** The id of a release. */
public record ReleaseId(UUID value) implements TypedId {

    public ReleaseId {
        if (value == null) {
            throw new IllegalArgumentException("a release id needs a value");
        }
    }

    /** The id {@code text} names, by {@link Ids#uuid} (the one parser); empty when it names none. */
    public static Optional<ReleaseId> parse(String text) {
        return Ids.uuid(text).map(ReleaseId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
