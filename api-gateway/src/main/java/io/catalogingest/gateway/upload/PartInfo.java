package io.catalogingest.gateway.upload;

/**
 * One part of a multipart/form-data request, as the client described it.
 *
 * @param fieldName   the form field name ({@code files}, ...); null if the part had none
 * @param fileName    the file name exactly as sent (unsanitized; may be empty); null for a text field
 * @param contentType the part's Content-Type header, or null
 * @param isFile      the part carries a file name, i.e. it is a file and not a text field
 * @param index       0-based position among the file parts of the request
 */
public record PartInfo(String fieldName, String fileName, String contentType, boolean isFile, int index) {
}
