package io.catalogingest.gateway.artist;

import java.util.UUID;

import io.catalogingest.common.catalog.CreateArtist;
import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.FormReader.Text;
import tools.jackson.databind.JsonNode;

/** The create-artist body, checked for shape (every violation, per field). Other fields are ignored. */
final class ArtistForm {

    static final int NAME_MAX = 255;
    private static final String REFUSAL = "Invalid artist";

    private ArtistForm() {
    }

    /**
     * @throws FormException 400 naming every bad field
     */
    static CreateArtist toCommand(JsonNode given) {
        JsonNode body = FormReader.body(given, REFUSAL);
        FormReader form = new FormReader();
        String name = form.text(body, "name", Text.required(NAME_MAX).stringOnly());
        String id = form.id(body, "id", false);
        String label = form.text(body, "label", Text.optional(NAME_MAX).stringOnly());
        String copyright = form.text(body, "copyright", Text.optional(NAME_MAX).stringOnly());
        String publisher = form.text(body, "publisher", Text.optional(NAME_MAX).stringOnly());
        form.check(REFUSAL);
        return new CreateArtist(id != null ? id : UUID.randomUUID().toString(), name, label, copyright, publisher);
    }
}
