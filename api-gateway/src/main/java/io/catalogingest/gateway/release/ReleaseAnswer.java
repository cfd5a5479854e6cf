package io.catalogingest.gateway.release;

/** Royalti's envelope around a release, as the release writes answer. */
record ReleaseAnswer(boolean success, String message, ReleaseView data) {
}
