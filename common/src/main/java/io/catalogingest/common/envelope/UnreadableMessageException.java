package io.catalogingest.common.envelope;

/** A record that can never be processed: missing headers, unknown type, unparsable value. Not worth a retry. */
public class UnreadableMessageException extends RuntimeException {

    public UnreadableMessageException(String message) {
        super(message);
    }

    public UnreadableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
