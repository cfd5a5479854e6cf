package io.catalogingest.gateway.request;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.catalogingest.gateway.error.ApiError;

/**
 * The HTTP answer to a dispatched command, for endpoints that answer in Royalti's {@code {success, message, data}}
 * envelope: the resource the worker created or changed, the worker's refusal in the seed error body, or
 * {@code 202 Accepted} with where to ask later.
 */
public final class CommandAnswers {

    private CommandAnswers() {
    }

    /** What a successful command answers with: where the resource lives and the body. */
    public record Resource(String location, Object body) {
    }

    /** Royalti's success envelope; a null message is left out. */
    public static Map<String, Object> success(String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        if (message != null) {
            body.put("message", message);
        }
        body.put("data", data);
        return body;
    }

    /**
     * @param resource reads the resource of a successful outcome (called only for those)
     */
    public static ResponseEntity<Object> answer(CommandResult result, Function<RequestOutcome, Resource> resource) {
        String requestId = result.requestId().toString();
        if (result.outcome().isEmpty()) {
            String location = "/requests/" + requestId;
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(location))
                    .header("X-Request-Id", requestId)
                    .body(success("Accepted; the outcome will be at " + location,
                            Map.of("status", "pending", "requestId", result.requestId(), "location", location)));
        }
        RequestOutcome outcome = result.outcome().get();
        ResponseEntity.BodyBuilder response = ResponseEntity.status(outcome.httpStatus()).header("X-Request-Id",
                requestId);
        if (!outcome.succeeded()) {
            return response.body(ApiError.of(outcome.message(), outcome.errors()));
        }
        Resource found = resource.apply(outcome);
        return response.location(URI.create(found.location())).body(found.body());
    }
}
