package io.catalogingest.common.workspace;

import java.util.List;
import java.util.UUID;

import io.catalogingest.common.catalog.FieldError;

/**
 * Event: a settings or UPC-block command was refused for a business reason.
 *
 * @param resourceId the setting name or block id the command was about
 * @param status     the HTTP status that describes the refusal: 400 invalid, 404 unknown, 409 conflict
 */
public record WorkspaceCommandRejected(String resourceId, int status, String message, List<FieldError> errors,
                                       UUID requestId) {

    public WorkspaceCommandRejected {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
