package io.catalogingest.gateway.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code name} and {@code filename} of a part's Content-Disposition header. Quoted strings may use backslash
 * escapes; {@code filename*} (RFC 5987, e.g. {@code UTF-8''na%C3%AFve.wav}) wins over {@code filename}.
 * The file name is returned raw: sanitizing it is the caller's job.
 */
record ContentDisposition(String type, String name, String fileName) {

    static ContentDisposition parse(String header) {
        if (header == null) {
            return new ContentDisposition(null, null, null);
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = semicolon < 0 ? header.length() : semicolon + 1;
        while (i < header.length()) {
            while (i < header.length() && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
                i++;
            }
            int equals = header.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String name = header.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            i = equals + 1;
            while (i < header.length() && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < header.length() && header.charAt(i) == '"') {
                i++;
                while (i < header.length() && header.charAt(i) != '"') {
                    char c = header.charAt(i);
                    if (c == '\\' && i + 1 < header.length() && (header.charAt(i + 1) == '"' || header.charAt(i + 1) == '\\')) {
                        value.append(header.charAt(i + 1));
                        i += 2;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                i++; // closing quote
                while (i < header.length() && header.charAt(i) != ';') {
                    i++;
                }
            } else {
                int end = header.indexOf(';', i);
                end = end < 0 ? header.length() : end;
                value.append(header, i, end);
                i = end;
            }
            parameters.putIfAbsent(name, name.endsWith("*") ? value.toString().strip() : value.toString());
        }
        String fileName = parameters.get("filename");
        String extended = parameters.get("filename*");
        if (extended != null) {
            String decoded = decodeExtended(extended);
            if (decoded != null) {
                fileName = decoded;
            }
        }
        return new ContentDisposition(type, parameters.get("name"), fileName);
    }

    /** RFC 5987 {@code charset'language'percent-encoded}; null if it is not that. */
    private static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        Charset charset;
        try {
            charset = Charset.forName(value.substring(0, first));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String encoded = value.substring(second + 1);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()
                    && Character.digit(encoded.charAt(i + 1), 16) >= 0 && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(charset);
    }
}
