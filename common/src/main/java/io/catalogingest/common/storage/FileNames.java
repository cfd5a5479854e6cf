package io.catalogingest.common.storage;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

/** Turns a client's file name into one that is safe as the last segment of an object key. */
public final class FileNames {

    /** What a name that sanitizes to nothing becomes. */
    public static final String FALLBACK = "file";
    /**
     * Longest sanitized name in UTF-8 bytes. Below DESIGN.md's 255 because S3Proxy's filesystem backend (the local
     * S3 server) fails on object names whose last segment is near the file system's 255-byte limit.
     */
    public static final int MAX_BYTES = 200;

    private FileNames() {
    }

    /**
     * A safe file name for {@code clientName}: control characters (C0, DEL, C1), Unicode format
     * characters (bidi overrides, zero-width and the like), line/paragraph separators and lone
     * surrogates removed; NFC-normalized; any path before the last {@code /} or {@code \} dropped;
     * surrounding whitespace and trailing dots trimmed; at most {@link #MAX_BYTES} UTF-8 bytes, cut on a code point
     * boundary and keeping the extension when there is room. {@code null}, empty, {@code .} and
     * {@code ..} become {@value #FALLBACK}. Inner spaces are kept.
     */
    public static String sanitize(String clientName) {
        if (clientName == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(withoutInvisibles(clientName), Normalizer.Form.NFC);
        name = lastSegment(name);
        name = trim(name);
        if (name.isEmpty()) {
            return FALLBACK; // also covers "." and "..", which trimming trailing dots empties
        }
        name = capped(name);
        return name.isEmpty() ? FALLBACK : name;
    }

    /**
     * The extension of {@code name}'s last path segment, as given (not lowercased): the text after its
     * last dot, if that dot is neither its first nor its last character.
     */
    public static Optional<String> extension(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String segment = lastSegment(name);
        int dot = segment.lastIndexOf('.');
        if (dot <= 0 || dot == segment.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(segment.substring(dot + 1));
    }

    private static String withoutInvisibles(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(codePoint -> !isInvisible(codePoint)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean isInvisible(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE: // only unpaired ones reach here: pairs arrive as one code point
                return true;
            default:
                return false;
        }
    }

    private static String lastSegment(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    private static String trim(String name) {
        String trimmed = name.strip();
        int end = trimmed.length();
        while (end > 0 && (trimmed.charAt(end - 1) == '.' || Character.isWhitespace(trimmed.charAt(end - 1)))) {
            end--;
        }
        return trimmed.substring(0, end);
    }

    private static String capped(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        Optional<String> extension = extension(name);
        if (extension.isPresent()) {
            String suffix = "." + extension.get();
            String base = name.substring(0, name.length() - suffix.length());
            String cutBase = trim(prefixWithin(base, MAX_BYTES - utf8Length(suffix)));
            if (!cutBase.isEmpty()) {
                return cutBase + suffix;
            }
        }
        return trim(prefixWithin(name, MAX_BYTES));
    }

    /** The longest prefix of {@code text} that fits in {@code maxBytes} UTF-8 bytes without splitting a code point. */
    private static String prefixWithin(String text, int maxBytes) {
        int bytes = 0;
        int index = 0;
        while (index < text.length()) {
            int codePoint = text.codePointAt(index);
            int size = utf8Length(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            index += Character.charCount(codePoint);
        }
        return text.substring(0, index);
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
