package io.catalogingest.common.catalog;

/** One reason a request was refused, tied to the input field it concerns ({@code null} field: the whole request). */
public record FieldError(String field, String message) {
}
