package io.catalogingest.common.format;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A product's format; its JSON names are Royalti's: {@code Single}, {@code EP}, {@code Album}. */
public enum ProductFormat {
    SINGLE("Single"),
    EP("EP"),
    ALBUM("Album");

    private final String jsonName;

    ProductFormat(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /**
     * The format named {@code jsonName} (exact case).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static ProductFormat fromJsonName(String jsonName) {
        for (ProductFormat format : values()) {
            if (format.jsonName.equals(jsonName)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format must be one of Single, EP, Album, got '" + jsonName + "'");
    }
}
