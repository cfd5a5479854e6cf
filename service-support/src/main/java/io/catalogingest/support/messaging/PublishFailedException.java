package io.catalogingest.support.messaging;

/** Kafka did not take a message: a transient failure for a listener, a 503 for the gateway. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
