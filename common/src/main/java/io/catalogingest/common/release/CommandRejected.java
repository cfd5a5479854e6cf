package io.catalogingest.common.release;

import java.util.List;

import io.catalogingest.common.catalog.FieldError;

/**
 * Event: a release command was refused for a business reason and changed nothing.
 *
 * @param command the refused command's type id, e.g. {@code catalog.release.submit.v1}
 * @param status  HTTP status that describes the refusal: 400 not allowed in the release's status or invalid,
 *                404 unknown release or media, 409 conflict
 */
public record CommandRejected(String releaseId, String command, int status, String message,
                              List<FieldError> errors) {

    public CommandRejected {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
