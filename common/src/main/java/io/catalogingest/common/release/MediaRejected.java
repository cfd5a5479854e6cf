package io.catalogingest.common.release;

/**
 * Event: an uploaded file was refused: the release was no longer open for media (a submit overtook the upload),
 * its bytes are not what it claims or not allowed, or a later upload of the same name superseded it.
 *
 * @param status        HTTP status that describes the refusal: 400 bad file or wrong release status, 409 superseded
 * @param objectDeleted whether the object was removed from the temporary bucket
 */
public record MediaRejected(
        String mediaId,
        String releaseId,
        String trackId,
        String objectKey,
        String name,
        int status,
        String message,
        boolean objectDeleted) {
}
