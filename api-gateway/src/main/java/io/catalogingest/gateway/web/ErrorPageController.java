package io.catalogingest.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.gateway.error.ApiError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The error page ({@code /error}): what the servlet container answers when no controller advice did — a
 * {@code sendError} from a filter or from Spring's own exception resolvers, a body the container could not read,
 * an exception that escaped everything. Always the seed's error body, with the status the container chose and a
 * message that depends on the status alone (never an exception's text).
 */
@RestController
class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code == null ? HttpStatus.NOT_FOUND // asked for directly: there is nothing here
                : code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            // the container logged the exception, if there was one
            log.warn("Answered {} to {} {}", status.value(), request.getMethod(),
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(ErrorMessages.of(status.value())));
    }
}
