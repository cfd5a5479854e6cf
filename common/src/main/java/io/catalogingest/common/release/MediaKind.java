package io.catalogingest.common.release;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Royalti's media {@code type}: what a file is, decided from its bytes. JSON names are lowercase. */
public enum MediaKind {
    AUDIO,
    IMAGE,
    VIDEO,
    DOCUMENT;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MediaKind fromJsonName(String jsonName) {
        return valueOf(jsonName.toUpperCase(Locale.ROOT));
    }

    /** The kind of a MIME type's top-level type: audio, image and video are themselves, anything else a document. */
    public static MediaKind ofMimeType(String mimeType) {
        String top = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (top.startsWith("audio/")) {
            return AUDIO;
        }
        if (top.startsWith("image/")) {
            return IMAGE;
        }
        if (top.startsWith("video/")) {
            return VIDEO;
        }
        return DOCUMENT;
    }
}
