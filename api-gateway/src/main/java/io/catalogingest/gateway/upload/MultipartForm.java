package io.catalogingest.gateway.upload;

import java.util.List;
import java.util.Map;

/**
 * What a multipart request held besides its files.
 *
 * @param fields    text fields by name, values in the order they came
 * @param fileCount the number of file parts handed to the {@link PartHandler}
 */
public record MultipartForm(Map<String, List<String>> fields, int fileCount) {

    public MultipartForm {
        fields = Map.copyOf(fields);
    }

    /** The first value of a text field, or null. */
    public String field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
