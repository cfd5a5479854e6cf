package io.catalogingest.gateway.web;

import org.springframework.http.HttpStatus;

/** Messages for errors answered outside a controller: they depend on the status alone. */
final class ErrorMessages {

    private ErrorMessages() {
    }

    static String of(int status) {
        return switch (status) {
            case 400 -> "The request is malformed";
            case 401 -> "Missing or invalid bearer token";
            case 403 -> "Your role does not allow this";
            case 404 -> "Resource not found";
            case 405 -> "Method not supported here";
            case 406 -> "Cannot answer in a media type the request accepts";
            case 408 -> "The request took too long to arrive";
            case 413 -> "The request is too large";
            case 414 -> "The request URL is too long";
            case 415 -> "Unsupported Content-Type";
            case 431 -> "The request headers are too large";
            case 503 -> "A dependency is unavailable; retry later";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "Error " + status : known.getReasonPhrase();
            }
        };
    }

    /** The seed's error body as JSON text, for places without a JSON mapper. */
    static String json(int status) {
        // the messages above are constants without quotes or backslashes: nothing to escape
        return "{\"status\":\"error\",\"message\":\"" + of(status) + "\"}";
    }
}
