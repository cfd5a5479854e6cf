package io.catalogingest.common.release;

import io.catalogingest.common.envelope.AggregateMessage;

/**
 * A command on {@code catalog.release-commands.v1}, keyed by the UUID of the release it concerns, so that one
 * release's commands (its media registrations before its submit) are applied in order.
 */
public sealed interface ReleaseCommand extends AggregateMessage
        permits CreateRelease, RegisterMedia, DeleteMedia, SubmitRelease, UpdateRelease, AddTrack, UpdateTrack,
        DeleteTrack, ReorderTracks, LinkAsset, DeleteRelease, RetryAutoCreation,
        RevertRelease, RegisterMediaLink {

    String releaseId();

    @Override
    default String aggregateId() {
        return releaseId();
    }
}
