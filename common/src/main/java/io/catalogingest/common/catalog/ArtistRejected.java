package io.catalogingest.common.catalog;

import java.util.List;
import java.util.UUID;

/**
 * Event: a create-artist command was refused for a business reason.
 *
 * @param status the HTTP status that describes the refusal: 400 invalid, 409 conflict
 */
public record ArtistRejected(String artistId, int status, String message, List<FieldError> errors, UUID requestId) {

    public ArtistRejected {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
