package io.catalogingest.common.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Progress of creating the product and assets of an approved release. JSON names are lowercase. */
public enum AutoCreationStatus {
    PENDING,
    SUCCESS,
    /** The release stays {@code approved}; the error is recorded beside it. */
    FAILED;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status named {@code jsonName} (lowercase).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static AutoCreationStatus fromJsonName(String jsonName) {
        return Arrays.stream(values())
                .filter(status -> status.jsonName().equals(jsonName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "autoCreationStatus must be one of pending, success, failed, got '" + jsonName + "'"));
    }
}
