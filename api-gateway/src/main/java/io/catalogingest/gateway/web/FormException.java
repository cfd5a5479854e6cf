package io.catalogingest.gateway.web;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiException;

/** A form refused for its shape: a 400 naming every bad field (see {@link FormReader}). */
public final class FormException extends ApiException {

    public FormException(String message, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, message, errors);
    }
}
