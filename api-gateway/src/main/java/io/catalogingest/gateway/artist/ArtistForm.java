package io.catalogingest.gateway.artist;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiException;
import tools.jackson.databind.JsonNode;

/** The create-artist body, checked for shape (every violation, per field). Other fields are ignored. */
final class ArtistForm {

    static final int NAME_MAX = 255;
    static final int ID_MAX = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private ArtistForm() {
    }

    /**
     * @throws ApiException 400 naming every bad field
     */
    static CreateArtist toCommand(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Invalid artist", List.of(new FieldError(null,
                    "the body must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String name = text(body, "name", true, NAME_MAX, errors);
        String id = text(body, "id", false, ID_MAX, errors);
        if (id != null && !ID.matcher(id).matches()) {
            errors.add(new FieldError("id", "may only use letters, digits and . _ : - and must start with a letter or digit"));
        }
        String label = text(body, "label", false, NAME_MAX, errors);
        String copyright = text(body, "copyright", false, NAME_MAX, errors);
        String publisher = text(body, "publisher", false, NAME_MAX, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("Invalid artist", errors);
        }
        return new CreateArtist(id != null ? id : UUID.randomUUID().toString(), name, label, copyright, publisher);
    }

    static String text(JsonNode body, String field, boolean required, int max, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.asString().strip();
        if (value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
            return null;
        }
        return value;
    }
}
