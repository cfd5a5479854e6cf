package io.catalogingest.support.messaging;

/**
 * A readable record that must never be applied (e.g. its tenant does not own the target): dead-lettered at once,
 * never retried.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }
}
