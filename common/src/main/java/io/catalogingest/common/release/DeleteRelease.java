package io.catalogingest.common.release;

/**
 * Command: delete a release in {@code draft} with its tracks and media; the media's temporary objects are deleted
 * after the commit.
 */
public record DeleteRelease(String releaseId) implements ReleaseCommand {
}
