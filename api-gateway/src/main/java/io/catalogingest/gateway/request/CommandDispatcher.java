package io.catalogingest.gateway.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import io.catalogingest.common.releases.RegisterMedia;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.security.Caller;
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
        if (!requests.register(accepted, objectKey(command.payload()))) {
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

    /**
     * Publishes the commands of one client request that carries many (a bulk create) and, unless the client asked
     * for an asynchronous answer, waits for all their outcomes under one deadline. Every command is a request of its
     * own (its own id, outcome and {@code GET /requests/{id}}). With an idempotency key the whole body is registered
     * under the key (kind {@code kind}, fingerprint {@code bodyHash}) and command i under {@code key#i}: a retry with
     * the same key and body gets the first outcomes, the same key with another body is a 409.
     *
     * @return one result per command, in order
     */
    public <T> List<CommandResult> dispatchAll(Caller caller, String kind, String idempotencyKey, String bodyHash,
                                               boolean respondAsync, List<CommandRequest<T>> commands) {
        String tenant = caller.tenantId();
        List<UUID> registered = new ArrayList<>();
        if (idempotencyKey != null) {
            UUID bulkId = UUID.randomUUID();
            if (!requests.register(new AcceptedRequest(bulkId, tenant, kind, null, idempotencyKey, bodyHash, null))) {
                return replayAll(tenant, kind, idempotencyKey, bodyHash, respondAsync, commands.size());
            }
            registered.add(bulkId);
        }
        List<UUID> ids = new ArrayList<>(commands.size());
        List<Envelope<?>> envelopes = new ArrayList<>(commands.size());
        List<CompletableFuture<Void>> done = new ArrayList<>(commands.size());
        try {
            for (int i = 0; i < commands.size(); i++) {
                CommandRequest<T> command = commands.get(i);
                UUID requestId = UUID.randomUUID();
                String itemKey = idempotencyKey == null ? null : idempotencyKey + "#" + i;
                if (!requests.register(new AcceptedRequest(requestId, tenant, command.kind(), command.subject(),
                        itemKey, command.bodyHash(), null))) {
                    throw new ApiException(HttpStatus.CONFLICT, "Idempotency-Key " + itemKey + " was already used");
                }
                registered.add(requestId);
                ids.add(requestId);
                envelopes.add(Envelope.create(command.type(), SOURCE, command.subject(), tenant, requestId,
                        command.payload()));
                if (!respondAsync) {
                    done.add(waiter.expect(requestId));
                }
            }
            if (!commands.isEmpty()) {
                publisher.publishAll(commands.get(0).topic(), envelopes);
            }
        } catch (RuntimeException e) {
            ids.forEach(waiter::forget);
            registered.forEach(requests::unregister);
            throw e;
        }
        log.info("Accepted {} {} requests of tenant {}", ids.size(), kind, tenant);
        return awaitAll(tenant, ids, done);
    }

    private List<CommandResult> replayAll(String tenant, String kind, String key, String bodyHash,
                                          boolean respondAsync, int count) {
        AcceptedRequest first = requests.byIdempotencyKey(tenant, key)
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
        if (!first.kind().equals(kind) || !first.bodyHash().equals(bodyHash)) {
            throw new ApiException(HttpStatus.CONFLICT, "Idempotency-Key was already used with a different request");
        }
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(requests.byIdempotencyKey(tenant, key + "#" + i).map(AcceptedRequest::requestId)
                    .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT,
                            "The first request with this Idempotency-Key is still being accepted; retry later")));
        }
        log.info("Idempotent retry of {} {} requests of tenant {}", count, kind, tenant);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        if (!respondAsync) {
            Map<UUID, RequestOutcome> known = requests.outcomes(tenant, ids);
            ids.stream().filter(id -> !known.containsKey(id)).forEach(id -> done.add(waiter.expect(id)));
        }
        return awaitAll(tenant, ids, done);
    }

    private List<CommandResult> awaitAll(String tenant, List<UUID> ids, List<CompletableFuture<Void>> done) {
        long deadline = System.nanoTime() + syncWait.toNanos();
        try {
            for (CompletableFuture<Void> future : done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                future.get(left, TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            log.info("Not every one of {} requests has an outcome after {}", ids.size(), syncWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            log.debug("Stopped waiting for {} requests", ids.size());
        } finally {
            ids.forEach(waiter::forget);
        }
        Map<UUID, RequestOutcome> outcomes = requests.outcomes(tenant, ids);
        return ids.stream().map(id -> new CommandResult(id, Optional.ofNullable(outcomes.get(id)))).toList();
    }

    /** The temporary object a command registers, which must outlive the request until it has an outcome. */
    private static String objectKey(Object payload) {
        return payload instanceof RegisterMedia media ? media.objectKey() : null;
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
