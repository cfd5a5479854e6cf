package io.catalogingest.common.release;

/**
 * Command: delete a media file of a release (only in {@code draft} or {@code rejected}); removes its row and its
 * object.
 *
 * @param objectKey the media's {@code cloudId}
 */
public record DeleteMedia(String releaseId, String objectKey) implements ReleaseCommand {
}
