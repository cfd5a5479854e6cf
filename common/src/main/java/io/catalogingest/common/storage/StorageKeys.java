package io.catalogingest.common.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Object keys for release media; the same key is used in the temporary and the permanent bucket.
 *
 * <p>Ids must be non-blank, at most 128 characters, without {@code /}, {@code \}, control or format
 * characters or surrounding whitespace, and not {@code .} or {@code ..}, so a key always has exactly
 * the segments below and no tenant's key can reach into another's.
 */
public final class StorageKeys {

    public static final int MAX_ID_LENGTH = 128;
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

    private StorageKeys() {
    }

    /** {@code {tenantId}/releases/{releaseId}/release/{sanitized fileName}}. */
    public static String releaseFile(String tenantId, String releaseId, String fileName) {
        return releasePrefix(tenantId, releaseId) + "release/" + FileNames.sanitize(fileName);
    }

    /**
     * {@code {tenantId}/releases/{releaseId}/tracks/{trackId}/file.{ext}}.
     *
     * @param extension ASCII letters and digits, at most 10; lowercased
     */
    public static String trackFile(String tenantId, String releaseId, String trackId, String extension) {
        requireId("trackId", trackId);
        String ext = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        if (!EXTENSION.matcher(ext).matches()) {
            throw new IllegalArgumentException(
                    "File extension must be 1 to 10 ASCII letters or digits, got '" + extension + "'");
        }
        return releasePrefix(tenantId, releaseId) + "tracks/" + trackId + "/file." + ext;
    }

    /** {@code {tenantId}/releases/{releaseId}/}: every key of the release starts with it. */
    public static String releasePrefix(String tenantId, String releaseId) {
        requireId("tenantId", tenantId);
        requireId("releaseId", releaseId);
        return tenantId + "/releases/" + releaseId + "/";
    }

    private static void requireId(String what, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(what + " must have at most " + MAX_ID_LENGTH + " characters");
        }
        if (id.equals(".") || id.equals("..") || !id.equals(id.strip())) {
            throw new IllegalArgumentException(what + " must not be '.' or '..' or start or end with whitespace, got '"
                    + id + "'");
        }
        boolean unsafe = id.codePoints().anyMatch(codePoint -> codePoint == '/' || codePoint == '\\'
                || Character.getType(codePoint) == Character.CONTROL
                || Character.getType(codePoint) == Character.FORMAT
                || Character.getType(codePoint) == Character.SURROGATE);
        if (unsafe) {
            throw new IllegalArgumentException(what + " must not contain '/', '\\', control or format characters");
        }
    }
}
