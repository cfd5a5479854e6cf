package io.catalogingest.gateway.request;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiError;

/**
 * The one builder of the answers to writes: every write endpoint answers through it, so every answer carries the same
 * headers for the same case.
 * <ul>
 * <li>{@code X-Request-Id}: on every answer about a command — its request id ({@code GET /requests/{id}});
 * <li>{@code Location}: on a 2xx, where the resource lives (when it has a place); on a 202,
 * {@code /requests/{id}}, the request the body is pending on;
 * <li>{@code Retry-After}: on a 503, set where every refusal is answered ({@code error.ApiExceptionHandler}).
 * </ul>
 * Bodies stay the endpoint's own (Royalti's shapes): the controller gives the resource of a success, and the body of a
 * 202 when it is not the {@link Accepted} envelope.
 */
public final class Answers {

    public static final String REQUEST_ID = "X-Request-Id";

    private Answers() {
    }

    /** What a successful command answers with: where the resource lives (null: nowhere to point at) and the body. */
    public record Resource(String location, Object body) {
    }

    /** A read in Royalti's success envelope; a null message is left out. */
    public static <T> Success<T> success(String message, T data) {
        return Success.of(message, data);
    }

    /**
     * The answer to one command: the resource of a success with the outcome's status (201/200), the worker's refusal
     * in the seed's error body (400/404/409), or 202 with Royalti's envelope around where the outcome will be.
     *
     * @param resource reads the resource of a successful outcome (called only for those)
     */
    public static ResponseEntity<Object> command(CommandResult result, Function<RequestOutcome, Resource> resource) {
        return command(result, resource, requestId -> Accepted.of(Pending.of(requestId)), Map.of());
    }

    /**
     * The same, for an endpoint with a 202 body of its own and headers of its own (e.g. {@code Deprecation}) on every
     * answer.
     */
    public static ResponseEntity<Object> command(CommandResult result, Function<RequestOutcome, Resource> resource,
                                                 Function<UUID, Object> whilePending, Map<String, String> headers) {
        ResponseEntity<Object> answer = result.outcome()
                .map(outcome -> outcome.succeeded() ? decided(result.requestId(), outcome, resource.apply(outcome))
                        : refused(result.requestId(), outcome))
                .orElseGet(() -> accepted(result.requestId(), whilePending.apply(result.requestId())));
        if (headers.isEmpty()) {
            return answer;
        }
        ResponseEntity.BodyBuilder withHeaders = ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders());
        headers.forEach(withHeaders::header);
        return withHeaders.body(answer.getBody());
    }

    /** 202: the request has no outcome yet; {@code body} says what is pending. */
    public static ResponseEntity<Object> accepted(UUID requestId, Object body) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(Pending.of(requestId).location()))
                .header(REQUEST_ID, requestId.toString()).body(body);
    }

    /** The success a request's outcome reports (201 created, 200 changed), with the resource. */
    public static ResponseEntity<Object> decided(UUID requestId, RequestOutcome outcome, Resource resource) {
        return decided(requestId, HttpStatus.valueOf(outcome.httpStatus()), resource);
    }

    /** A success of the request with {@code status} (for an answer that sums up several outcomes). */
    public static ResponseEntity<Object> decided(UUID requestId, HttpStatus status, Resource resource) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).header(REQUEST_ID, requestId.toString());
        if (resource.location() != null) {
            answer.location(URI.create(resource.location()));
        }
        return answer.body(resource.body());
    }

    /** The worker's refusal of a request: its status and reasons in the seed's error body. */
    public static ResponseEntity<Object> refused(UUID requestId, RequestOutcome outcome) {
        return refused(requestId, outcome.httpStatus(), outcome.message(), outcome.errors());
    }

    /** A refusal about the request with the status, message and reasons given (for an answer about several). */
    public static ResponseEntity<Object> refused(UUID requestId, int status, String message, List<FieldError> errors) {
        return ResponseEntity.status(status).header(REQUEST_ID, requestId.toString())
                .body(ApiError.of(message, errors));
    }

    /**
     * The answer to a write of many commands (a bulk create): 201 when every one has an outcome, else 202; the body
     * names each command's request and where to ask for it, so no single request is named in the headers.
     */
    public static ResponseEntity<Object> batch(boolean pending, Object body) {
        return ResponseEntity.status(pending ? HttpStatus.ACCEPTED : HttpStatus.CREATED).body(body);
    }

    /** A write the gateway itself applied (no command): 201 with what was created, at {@code location} if not null. */
    public static ResponseEntity<Object> created(String location, Object body) {
        return located(HttpStatus.CREATED, location, body);
    }

    /** A write the gateway recorded for another service to carry out (no command): 202, the resource to watch. */
    public static ResponseEntity<Object> scheduled(String location, Object body) {
        return located(HttpStatus.ACCEPTED, location, body);
    }

    private static ResponseEntity<Object> located(HttpStatus status, String location, Object body) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (location != null) {
            answer.location(URI.create(location));
        }
        return answer.body(body);
    }
}
