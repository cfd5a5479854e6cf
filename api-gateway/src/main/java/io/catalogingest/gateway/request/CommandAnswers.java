package io.catalogingest.gateway.request;

import java.net.URI;
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
    public static <T> Success<T> success(String message, T data) {
        return Success.of(message, data);
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
                    .body(Accepted.of(Pending.of(result.requestId())));
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
