package io.catalogingest.common.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Object keys for release media. A file's <em>media key</em> ({@link #releaseFile}, {@link #trackFile}; Royalti's
 * {@code cloudId}) names it in the permanent bucket; each upload of it is an immutable object in the temporary
 * bucket at its own {@link #upload upload key}, never overwritten.
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

    /**
     * {@code {tenantId}/releases/{releaseId}/uploads/{uploadId}/{sanitized fileName}}: the temporary object of one
     * upload. The upload id is unique per upload, so an upload never replaces another's bytes.
     */
    public static String upload(String tenantId, String releaseId, String uploadId, String fileName) {
        requireId("uploadId", uploadId);
        return releasePrefix(tenantId, releaseId) + "uploads/" + uploadId + "/" + FileNames.sanitize(fileName);
    }

    /** Whether {@code key} is an upload key ({@link #upload}) of the release. */
    public static boolean isUploadOf(String tenantId, String releaseId, String key) {
        String prefix = releasePrefix(tenantId, releaseId) + "uploads/";
        if (key == null || !key.startsWith(prefix)) {
            return false;
        }
        String[] rest = key.substring(prefix.length()).split("/", -1);
        return rest.length == 2 && !rest[0].isEmpty() && !rest[1].isEmpty() && !rest[0].equals("..")
                && !rest[0].equals(".") && !rest[1].equals("..") && !rest[1].equals(".");
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
