package io.catalogingest.common.release;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;

/** Message types of releases, their media and their reviews, with their wire ids. */
public final class ReleaseMessages {

    // commands on catalog.release-commands.v1, keyed by release id
    public static final MessageType<CreateRelease> CREATE_RELEASE =
            MessageType.of("catalog.release.create.v1", CreateRelease.class);
    public static final MessageType<SubmitRelease> SUBMIT_RELEASE =
            MessageType.of("catalog.release.submit.v1", SubmitRelease.class);
    public static final MessageType<UpdateRelease> UPDATE_RELEASE =
            MessageType.of("catalog.release.update.v1", UpdateRelease.class);
    public static final MessageType<AddTrack> ADD_TRACK =
            MessageType.of("catalog.release.track.add.v1", AddTrack.class);
    public static final MessageType<UpdateTrack> UPDATE_TRACK =
            MessageType.of("catalog.release.track.update.v1", UpdateTrack.class);
    public static final MessageType<DeleteTrack> DELETE_TRACK =
            MessageType.of("catalog.release.track.delete.v1", DeleteTrack.class);
    public static final MessageType<ReorderTracks> REORDER_TRACKS =
            MessageType.of("catalog.release.tracks.reorder.v1", ReorderTracks.class);
    public static final MessageType<LinkAsset> LINK_ASSET =
            MessageType.of("catalog.release.track.link-asset.v1", LinkAsset.class);
    public static final MessageType<DeleteRelease> DELETE_RELEASE =
            MessageType.of("catalog.release.delete.v1", DeleteRelease.class);
    public static final MessageType<RetryAutoCreation> RETRY_AUTO_CREATION =
            MessageType.of("catalog.release.auto-creation.retry.v1", RetryAutoCreation.class);
    public static final MessageType<RevertRelease> REVERT_RELEASE =
            MessageType.of("catalog.release.revert.v1", RevertRelease.class);
    public static final MessageType<RegisterMedia> REGISTER_MEDIA =
            MessageType.of("catalog.media.register.v1", RegisterMedia.class);
    public static final MessageType<DeleteMedia> DELETE_MEDIA =
            MessageType.of("catalog.media.delete.v1", DeleteMedia.class);
    public static final MessageType<RegisterMediaLink> REGISTER_MEDIA_LINK =
            MessageType.of("catalog.media.link.register.v1", RegisterMediaLink.class);

    // events on catalog.release-events.v1, keyed by release id
    public static final MessageType<ReleaseCreated> RELEASE_CREATED =
            MessageType.of("catalog.release.created.v1", ReleaseCreated.class);
    public static final MessageType<ReleaseSubmitted> RELEASE_SUBMITTED =
            MessageType.of("catalog.release.submitted.v1", ReleaseSubmitted.class);
    public static final MessageType<ReleaseEdited> RELEASE_EDITED =
            MessageType.of("catalog.release.edited.v1", ReleaseEdited.class);
    public static final MessageType<ReleaseDeleted> RELEASE_DELETED =
            MessageType.of("catalog.release.deleted.v1", ReleaseDeleted.class);
    public static final MessageType<AutoCreationRetried> AUTO_CREATION_RETRIED =
            MessageType.of("catalog.release.auto-creation.retried.v1", AutoCreationRetried.class);
    public static final MessageType<ReleaseReverted> RELEASE_REVERTED =
            MessageType.of("catalog.release.reverted.v1", ReleaseReverted.class);
    public static final MessageType<MediaRegistered> MEDIA_REGISTERED =
            MessageType.of("catalog.media.registered.v1", MediaRegistered.class);
    public static final MessageType<MediaRejected> MEDIA_REJECTED =
            MessageType.of("catalog.media.rejected.v1", MediaRejected.class);
    public static final MessageType<MediaDeleted> MEDIA_DELETED =
            MessageType.of("catalog.media.deleted.v1", MediaDeleted.class);
    public static final MessageType<MediaLinkRegistered> MEDIA_LINK_REGISTERED =
            MessageType.of("catalog.media.link.registered.v1", MediaLinkRegistered.class);
    public static final MessageType<CommandRejected> COMMAND_REJECTED =
            MessageType.of("catalog.release.command-rejected.v1", CommandRejected.class);

    private ReleaseMessages() {
    }

    /** Every release message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of(CREATE_RELEASE, SUBMIT_RELEASE, REGISTER_MEDIA,
            DELETE_MEDIA, RELEASE_CREATED, RELEASE_SUBMITTED, MEDIA_REGISTERED, MEDIA_REJECTED, MEDIA_DELETED,
            COMMAND_REJECTED, UPDATE_RELEASE, ADD_TRACK, UPDATE_TRACK, DELETE_TRACK, REORDER_TRACKS, LINK_ASSET,
            DELETE_RELEASE, RELEASE_EDITED, RELEASE_DELETED, RETRY_AUTO_CREATION, AUTO_CREATION_RETRIED,
            REVERT_RELEASE, RELEASE_REVERTED, REGISTER_MEDIA_LINK, MEDIA_LINK_REGISTERED);
}
