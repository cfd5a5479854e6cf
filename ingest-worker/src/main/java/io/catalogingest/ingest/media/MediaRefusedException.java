package io.catalogingest.ingest.media;

/** Inspection refuses a file: its bytes are not what it claims or not accepted. A business outcome, not a failure. */
final class MediaRefusedException extends Exception {

    MediaRefusedException(String message) {
        super(message);
    }
}
