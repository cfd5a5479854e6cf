package io.catalogingest.support.persistence;

import java.util.List;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;

/**
 * What applying a command came to, as recorded for its request and announced by {@code event}.
 *
 * @param topic base topic the event goes to
 */
public record Outcome(boolean succeeded, String resourceType, String resourceId, int httpStatus, String message,
                      List<FieldError> errors, String topic, Envelope<?> event) {

    public Outcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Outcome success(String resourceType, String resourceId, int httpStatus, String topic,
                                  Envelope<?> event) {
        return new Outcome(true, resourceType, resourceId, httpStatus, null, List.of(), topic, event);
    }

    public static Outcome rejection(String resourceType, String resourceId, int httpStatus, String message,
                                    List<FieldError> errors, String topic, Envelope<?> event) {
        return new Outcome(false, resourceType, resourceId, httpStatus, message, errors, topic, event);
    }
}
