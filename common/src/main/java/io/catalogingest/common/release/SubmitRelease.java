package io.catalogingest.common.release;

/** Command: submit a release for review (from {@code draft} or {@code rejected}; it needs at least one track). */
public record SubmitRelease(String releaseId) implements ReleaseCommand {
}
