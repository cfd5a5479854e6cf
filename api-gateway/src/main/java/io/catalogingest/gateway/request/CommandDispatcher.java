package io.catalogingest.gateway.request;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.support.messaging.MessagePublisher;

/**
 * Publishes a command and, unless the client asked for an asynchronous answer, waits (bounded) for the worker's
 * outcome. Handles {@code Idempotency-Key}: a retry with the same key and body gets the first request's outcome;
 * the same key with another body is a conflict.
 */
@Service
public class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    public static final String SOURCE = "/api-gateway";

    private final RequestStore requests;
    private final OutcomeWaiter waiter;
    private final MessagePublisher publisher;
    private final Duration syncWait;

    CommandDispatcher(RequestStore requests, OutcomeWaiter waiter, MessagePublisher publisher,
                      @Value("${catalog.gateway.sync-wait:10s}") Duration syncWait) {
        this.requests = requests;
        this.waiter = waiter;
        this.publisher = publisher;
        this.syncWait = syncWait;
    }

    public <T> CommandResult dispatch(CommandRequest<T> command) {
        String tenant = command.caller().tenantId();
        UUID requestId = UUID.randomUUID();
        AcceptedRequest accepted = new AcceptedRequest(requestId, tenant, command.kind(), command.subject(),
                command.idempotencyKey(), command.bodyHash(), null);
        if (!requests.register(accepted)) {
            return replay(command);
        }
        CompletableFuture<Void> done = command.respondAsync() ? null : waiter.expect(requestId);
        try {
            publisher.publish(command.topic(), Envelope.create(command.type(), SOURCE, command.subject(), tenant,
                    requestId, command.payload()));
        } catch (RuntimeException e) {
            waiter.forget(requestId);
            requests.unregister(requestId);
            throw e;
        }
        log.info("Accepted {} request {} for {} of tenant {}", command.kind(), requestId, command.subject(), tenant);
        if (done == null) {
            return CommandResult.pending(requestId);
        }
        return new CommandResult(requestId, await(done, tenant, requestId));
    }

    /** The outcome of a request, once it has one. */
    public Optional<RequestOutcome> outcome(String tenantId, UUID requestId) {
        return requests.outcome(tenantId, requestId);
    }

    public Optional<AcceptedRequest> accepted(String tenantId, UUID requestId) {
        return requests.accepted(tenantId, requestId);
    }

    private <T> CommandResult replay(CommandRequest<T> command) {
        String tenant = command.caller().tenantId();
        AcceptedRequest first = requests.byIdempotencyKey(tenant, command.idempotencyKey())
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
        if (!first.kind().equals(command.kind()) || !first.bodyHash().equals(command.bodyHash())) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "Idempotency-Key was already used with a different request");
        }
        log.info("Idempotent retry of request {} of tenant {}", first.requestId(), tenant);
        Optional<RequestOutcome> outcome = requests.outcome(tenant, first.requestId());
        if (outcome.isPresent() || command.respondAsync()) {
            return new CommandResult(first.requestId(), outcome);
        }
        CompletableFuture<Void> done = waiter.expect(first.requestId());
        return new CommandResult(first.requestId(), await(done, tenant, first.requestId()));
    }

    private Optional<RequestOutcome> await(CompletableFuture<Void> done, String tenant, UUID requestId) {
        try {
            done.get(syncWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.info("Request {} has no outcome after {}; answering 202", requestId, syncWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            log.debug("Stopped waiting for request {}", requestId);
        } finally {
            waiter.forget(requestId);
        }
        // the outcome row may exist even when the wake-up was missed (e.g. an earlier replay consumed it)
        return requests.outcome(tenant, requestId);
    }
}
