package io.catalogingest.gateway.request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.security.Caller;

/** {@code GET /requests/{requestId}}: the outcome of an asynchronous command. */
@RestController
class RequestController {

    private final CommandDispatcher dispatcher;

    RequestController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GetMapping("/requests/{requestId}")
    Map<String, Object> request(Caller caller, @PathVariable String requestId) {
        UUID id = parse(requestId);
        AcceptedRequest accepted = dispatcher.accepted(caller.tenantId(), id)
                .orElseThrow(() -> ApiException.notFound("Request"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", id);
        body.put("kind", accepted.kind());
        body.put("acceptedAt", accepted.createdAt());
        dispatcher.outcome(caller.tenantId(), id).ifPresentOrElse(outcome -> {
            body.put("status", outcome.outcome());
            body.put("httpStatus", outcome.httpStatus());
            body.put("resourceType", outcome.resourceType());
            body.put("resourceId", outcome.resourceId());
            body.put("location", ResourceLocations.of(outcome.resourceType(), outcome.resourceId()));
            body.put("message", outcome.message());
            body.put("errors", outcome.errors());
            body.put("completedAt", outcome.completedAt());
        }, () -> body.put("status", "pending"));
        return body;
    }

    private static UUID parse(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Request");
        }
    }
}
