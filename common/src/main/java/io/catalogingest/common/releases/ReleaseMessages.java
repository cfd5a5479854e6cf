package io.catalogingest.common.releases;

import java.util.List;

import io.catalogingest.common.envelope.MessageType;

/** Message types of releases, their media and their reviews, with their wire ids. */
public final class ReleaseMessages {

    // commands on catalog.release-commands.v1, keyed by release id
    public static final MessageType<CreateRelease> CREATE_RELEASE =
            MessageType.of("catalog.release.create.v1", CreateRelease.class);
    public static final MessageType<SubmitRelease> SUBMIT_RELEASE =
            MessageType.of("catalog.release.submit.v1", SubmitRelease.class);
    public static final MessageType<RegisterMedia> REGISTER_MEDIA =
            MessageType.of("catalog.media.register.v1", RegisterMedia.class);
    public static final MessageType<DeleteMedia> DELETE_MEDIA =
            MessageType.of("catalog.media.delete.v1", DeleteMedia.class);

    // events on catalog.release-events.v1, keyed by release id
    public static final MessageType<ReleaseCreated> RELEASE_CREATED =
            MessageType.of("catalog.release.created.v1", ReleaseCreated.class);
    public static final MessageType<ReleaseSubmitted> RELEASE_SUBMITTED =
            MessageType.of("catalog.release.submitted.v1", ReleaseSubmitted.class);
    public static final MessageType<MediaRegistered> MEDIA_REGISTERED =
            MessageType.of("catalog.media.registered.v1", MediaRegistered.class);
    public static final MessageType<MediaRejected> MEDIA_REJECTED =
            MessageType.of("catalog.media.rejected.v1", MediaRejected.class);
    public static final MessageType<MediaDeleted> MEDIA_DELETED =
            MessageType.of("catalog.media.deleted.v1", MediaDeleted.class);
    public static final MessageType<CommandRejected> COMMAND_REJECTED =
            MessageType.of("catalog.release.command-rejected.v1", CommandRejected.class);

    private ReleaseMessages() {
    }

    /** Every release message type; {@link io.catalogingest.common.Messages} joins them with the others. */
    public static final List<MessageType<?>> ALL = List.of(CREATE_RELEASE, SUBMIT_RELEASE, REGISTER_MEDIA,
            DELETE_MEDIA, RELEASE_CREATED, RELEASE_SUBMITTED, MEDIA_REGISTERED, MEDIA_REJECTED, MEDIA_DELETED,
            COMMAND_REJECTED);
}
