package io.catalogingest.gateway.request;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.catalogingest.common.Ids;
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
    RequestState request(Caller caller, @PathVariable String requestId) {
        UUID id = parse(requestId);
        AcceptedRequest accepted = dispatcher.accepted(caller.tenantId(), id)
                .orElseThrow(() -> ApiException.notFound("Request"));
        return dispatcher.outcome(caller.tenantId(), id).<RequestState>map(outcome -> new RequestState.Completed(id,
                        accepted.kind(), accepted.createdAt(), outcome.outcome().jsonName(), outcome.httpStatus(),
                        outcome.resourceType(), outcome.resourceId(),
                        ResourceLocations.of(outcome.resourceType(), outcome.resourceId()), outcome.message(),
                        outcome.errors(), outcome.completedAt()))
                .orElseGet(() -> new RequestState.Waiting(id, accepted.kind(), accepted.createdAt(), "pending"));
    }

    private static UUID parse(String text) {
        return Ids.uuid(text).orElseThrow(() -> ApiException.notFound("Request"));
    }
}
