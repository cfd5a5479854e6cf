package io.catalogingest.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.http.HttpStatus;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the text fields of a multipart/form-data request (no files) with bounds on field size, field count and
 * total size. A file part is refused: the form endpoints take none.
 */
public final class MultipartFields {

    private MultipartFields() {
    }

    /** Field name to its values, in the order they came. */
    public static Map<String, List<String>> read(HttpServletRequest request, int maxFields, int maxFieldBytes,
                                                 long maxRequestBytes) {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setMaxSize(maxRequestBytes);
        upload.setMaxFileSize(maxFieldBytes);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int count = 0;
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (++count > maxFields) {
                    throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Too many form fields (at most " + maxFields + ")");
                }
                if (!part.isFormField()) {
                    throw ApiException.badRequest("This endpoint takes no files",
                            List.of(new FieldError(part.getFieldName(), "a file is not accepted here")));
                }
                fields.computeIfAbsent(part.getFieldName(), name -> new ArrayList<>())
                        .add(text(part, maxFieldBytes));
            }
        } catch (FileUploadSizeException e) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Request or form field too large");
        } catch (FileUploadException e) {
            throw ApiException.badRequest("Malformed multipart/form-data body", List.of());
        } catch (IOException e) {
            throw ApiException.badRequest("Malformed or truncated multipart/form-data body", List.of());
        }
        if (count == 0) {
            throw ApiException.badRequest("The multipart body has no parts (is the boundary right?)", List.of());
        }
        return fields;
    }

    private static String text(FileItemInput part, int maxFieldBytes) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(maxFieldBytes + 1);
            if (bytes.length > maxFieldBytes) {
                throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "Form field '" + part.getFieldName()
                        + "' is larger than " + maxFieldBytes + " bytes");
            }
            return Utf8.decodeStrict(bytes, part.getFieldName());
        }
    }
}
