package io.catalogingest.common;

import java.util.UUID;

/**
 * An id that says what it names ({@link ReleaseId}, {@link TrackId}, {@link MediaId}), so a release id cannot be
 * passed where a media id is meant. Parsed from text only through {@link Ids#uuid}. Messages and JSON keep their
 * ids as text (the wire formats do not change); typed ids live in the services and their DAOs, which bind them as
 * UUIDs.
 */
public interface TypedId {

    UUID value();
}
