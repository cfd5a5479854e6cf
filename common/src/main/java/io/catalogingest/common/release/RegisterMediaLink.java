package io.catalogingest.common.release;

import java.time.Instant;

/**
 * Command: register an external media link ({@code isLink: true}) as a file of a release or of one of its tracks.
 * Nothing is fetched when it is registered: the approval-worker fetches the link into the temporary bucket at
 * {@code uploadKey} when the release is promoted, then promotes it like an upload (docs/adr/0022). Travels on the
 * release's partition, ordered with its other media commands and its submit.
 *
 * @param mediaId     id of this link (a UUID the gateway assigns)
 * @param trackId     the track the link belongs to (audio or video, replacing the track's earlier file), or null
 * @param objectKey   the media key (Royalti's {@code cloudId}), as for an uploaded file of this name
 * @param uploadKey   where promotion will write the fetched bytes in the temporary bucket ({@code StorageKeys.upload})
 * @param url         the link, checked by the gateway (https, no credentials, a public host)
 * @param name        the sanitized file name shown to clients
 * @param type        the type the client declared, or null; promotion checks the fetched bytes against it
 * @param submittedAt when the gateway accepted it
 */
public record RegisterMediaLink(
        String mediaId,
        String releaseId,
        String trackId,
        String objectKey,
        String uploadKey,
        String url,
        String name,
        MediaKind type,
        Instant submittedAt) implements ReleaseCommand {
}
