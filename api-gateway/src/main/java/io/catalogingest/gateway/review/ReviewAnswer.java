package io.catalogingest.gateway.review;

/** Royalti's envelope around the reviewed release. */
record ReviewAnswer(boolean success, String message, ReviewReader.ReviewedRelease data) {
}
