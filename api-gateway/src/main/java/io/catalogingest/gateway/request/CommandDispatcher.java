package io.catalogingest.gateway.request;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.release.RegisterMedia;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Fingerprint;
import io.catalogingest.gateway.web.Write;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.messaging.MessagePublisher.Delivery;
import io.catalogingest.support.messaging.PublishFailedException;

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
    private final BrokerCircuit broker;
    private final Redelivery redelivery;
    private final Acknowledgements acknowledgements;
    private final Duration publishWait;
    /** Fault hook (off by default): commands are not sent and count as not acknowledged, as if the broker stalled. */
    private final boolean withholdCommands;

    CommandDispatcher(RequestStore requests, OutcomeWaiter waiter, MessagePublisher publisher, BrokerCircuit broker,
                      Redelivery redelivery, Acknowledgements acknowledgements,
                      @Value("${catalog.messaging.send-timeout:10s}") Duration publishWait,
                      @Value("${spring.kafka.producer.properties.delivery.timeout.ms:120000}") long deliveryTimeoutMs,
                      @Value("${catalog.faults.withhold-commands:false}") boolean withholdCommands) {
        if (deliveryTimeoutMs >= publishWait.toMillis()) {
            throw new IllegalStateException("The producer's delivery.timeout.ms (" + deliveryTimeoutMs
                    + ") must be shorter than the publish wait catalog.messaging.send-timeout (" + publishWait
                    + "): else a command answered 503 may still be delivered (docs/adr/0008)");
        }
        this.requests = requests;
        this.waiter = waiter;
        this.publisher = publisher;
        this.broker = broker;
        this.redelivery = redelivery;
        this.acknowledgements = acknowledgements;
        this.publishWait = publishWait;
        this.withholdCommands = withholdCommands;
        if (withholdCommands) {
            log.warn("Fault hook catalog.faults.withhold-commands: commands are not sent, only kept for re-sending");
        }
    }

    public <T> CommandResult dispatch(CommandRequest<T> command) {
        String tenant = command.caller().tenantId();
        UUID requestId = UUID.randomUUID();
        if (!broker.allows()) {
            if (known(tenant, command.idempotencyKey())) {
                return replay(command); // the first request's outcome needs no broker
            }
            throw brokerDown();
        }
        long start = System.nanoTime();
        AcceptedRequest accepted = AcceptedRequest.publishing(requestId, tenant, command.kind(), command.subject(),
                command.idempotencyKey(), command.bodyHash());
        if (!requests.register(accepted, objectKey(command.payload()))) {
            return replay(command);
        }
        long registered = System.nanoTime();
        Envelope<T> envelope = envelope(command, requestId);
        // expected before it is published: its outcome cannot exist earlier, so it is read once, after the wake-up
        try (OutcomeWaiter.Expected expected = command.respondAsync() ? null : waiter.expect(requestId)) {
            if (!publish(command.topic(), List.of(envelope), List.of(requestId), true)) {
                log.info("Accepted {} request {} for {} of tenant {}; the broker has not acknowledged it yet",
                        command.kind(), requestId, command.subject(), tenant);
                return CommandResult.pending(requestId);
            }
            long published = System.nanoTime();
            log.info("Accepted {} request {} for {} of tenant {}", command.kind(), requestId, command.subject(),
                    tenant);
            if (expected == null) {
                stageTimings(requestId, start, registered, published, published);
                return CommandResult.pending(requestId);
            }
            Optional<RequestOutcome> outcome = expected.await(tenant);
            if (outcome.isPresent()) {
                acknowledgements.answered(requestId);
            } else {
                acknowledgements.recordNow(requestId); // answered 202: a keyed retry must find it sent
            }
            stageTimings(requestId, start, registered, published, System.nanoTime());
            return new CommandResult(requestId, outcome);
        }
    }

    /**
     * The waits of one request, at DEBUG (docs/benchmarks/http.md): registering it (Postgres), the broker's
     * acknowledgement of its command, and the outcome (the worker's fetch, its transaction, its event's
     * acknowledgement, this replica's outcome consumer, reading the outcome; 0 when asynchronous).
     */
    private static void stageTimings(UUID requestId, long start, long registered, long published, long answered) {
        if (log.isDebugEnabled()) {
            log.debug("Request {} stages (us): register {} publish {} outcome {}", requestId,
                    (registered - start) / 1000, (published - registered) / 1000, (answered - published) / 1000);
        }
    }

    /**
     * Publishes the commands of one client request that carries many (a bulk create) and, unless the client asked
     * for an asynchronous answer, waits for all their outcomes under one deadline. Every command is a request of its
     * own (its own id, outcome and {@code GET /requests/{id}}). With an idempotency key the whole body is registered
     * under the key (kind {@code kind}, fingerprint of {@code canonical}) and command i under {@code key#i}: a retry with
     * the same key and body gets the first outcomes, the same key with another body is a 409.
     *
     * @return one result per command, in order
     */
    public <T> List<CommandResult> dispatchAll(Caller caller, Write write, String kind, String canonical,
                                               List<CommandRequest<T>> commands) {
        String tenant = caller.tenantId();
        String idempotencyKey = write.idempotencyKey();
        String bodyHash = Fingerprint.of(canonical);
        boolean respondAsync = write.respondAsync();
        if (!broker.allows()) {
            if (known(tenant, idempotencyKey)) {
                return replayAll(tenant, kind, idempotencyKey, bodyHash, respondAsync, commands.size());
            }
            throw brokerDown();
        }
        List<UUID> registered = new ArrayList<>();
        if (idempotencyKey != null) {
            UUID bulkId = UUID.randomUUID();
            if (!requests.register(AcceptedRequest.publishing(bulkId, tenant, kind, null, idempotencyKey, bodyHash))) {
                return replayAll(tenant, kind, idempotencyKey, bodyHash, respondAsync, commands.size());
            }
            registered.add(bulkId);
        }
        List<UUID> ids = new ArrayList<>(commands.size());
        List<Envelope<?>> envelopes = new ArrayList<>(commands.size());
        try {
            for (int i = 0; i < commands.size(); i++) {
                CommandRequest<T> command = commands.get(i);
                UUID requestId = UUID.randomUUID();
                String itemKey = idempotencyKey == null ? null : idempotencyKey + "#" + i;
                if (!requests.register(AcceptedRequest.publishing(requestId, tenant, command.kind(),
                        command.subject(), itemKey, command.bodyHash()))) {
                    throw new ApiException(HttpStatus.CONFLICT, "Idempotency-Key " + itemKey + " was already used");
                }
                registered.add(requestId);
                ids.add(requestId);
                envelopes.add(envelope(command, requestId));
            }
        } catch (RuntimeException e) {
            registered.forEach(requests::unregister);
            throw e;
        }
        if (!commands.isEmpty() && !publish(commands.get(0).topic(), envelopes, registered, false)) {
            log.info("Accepted {} {} requests of tenant {}; the broker has not acknowledged all yet", ids.size(),
                    kind, tenant);
            return ids.stream().map(CommandResult::pending).toList();
        }
        if (commands.isEmpty()) {
            record(registered, Publication.SENT);
        }
        log.info("Accepted {} {} requests of tenant {}", ids.size(), kind, tenant);
        if (respondAsync) {
            // fresh commands have no outcome worth a read yet: every one is pending (202), as a single async create is,
            // whether or not a fast worker already answered
            return ids.stream().map(CommandResult::pending).toList();
        }
        return results(ids, waiter.awaitAll(tenant, ids));
    }

    /**
     * Offers the commands to the broker and records what became of them (ADR 0008). Acknowledged: the requests are
     * {@code sent}, true. Certainly not sent: the requests are forgotten and the caller gets a 503 (nothing was
     * accepted). Not acknowledged in time: they may still arrive, so they are kept ({@code unknown}), sent again in the
     * background, and the client is told "accepted" (202) — never a 503 for a command that may still be applied.
     *
     * @param registered every request row of this client request (the commands' and a bulk's own)
     * @param deferSent   record {@code sent} off the request thread, and only if no outcome comes first
     *                    ({@link Acknowledgements}); a bulk records at once (its own row never gets an outcome)
     * @return whether every command was acknowledged
     */
    private boolean publish(String topic, List<? extends Envelope<?>> envelopes, List<UUID> registered,
                            boolean deferSent) {
        List<MessagePublisher.Offer> offers = withholdCommands ? withheld(envelopes)
                : publisher.offerAll(topic, envelopes);
        boolean allSent = offers.stream().allMatch(offer -> offer.delivery() == Delivery.SENT);
        if (allSent) {
            broker.succeeded();
            if (deferSent) {
                registered.forEach(acknowledgements::acknowledged);
            } else {
                record(registered, Publication.SENT);
            }
            return true;
        }
        broker.failed();
        boolean noneSent = offers.stream().allMatch(offer -> offer.delivery() == Delivery.NOT_SENT);
        if (noneSent) {
            registered.forEach(requests::unregister);
            throw offers.get(0).failure();
        }
        record(registered, Publication.UNKNOWN);
        List<Envelope<?>> unacknowledged = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            if (offers.get(i).delivery() != Delivery.SENT) {
                unacknowledged.add(envelopes.get(i));
            }
        }
        redelivery.keep(topic, unacknowledged);
        return false;
    }

    /** The fault hook {@code catalog.faults.withhold-commands}: nothing sent, nothing acknowledged. */
    private static List<MessagePublisher.Offer> withheld(List<? extends Envelope<?>> envelopes) {
        PublishFailedException withheld = new PublishFailedException("withheld (catalog.faults.withhold-commands)",
                null);
        return envelopes.stream().map(envelope -> new MessagePublisher.Offer(Delivery.UNKNOWN, withheld)).toList();
    }

    /**
     * Records the publication; a failure here must not turn a published command into an error answer. The rows then
     * stay {@code pending}: a keyed retry waits (409) until they are old, then sends the command again (deduped).
     */
    private void record(List<UUID> requestIds, Publication publication) {
        try {
            requests.published(requestIds, publication);
        } catch (RuntimeException e) {
            log.warn("Could not record the publication of {} requests as {}: {}", requestIds.size(), publication,
                    e.toString());
        }
    }

    /** While the broker is known to be down, a new command is refused before anything is recorded. */
    private static PublishFailedException brokerDown() {
        return new PublishFailedException("the broker did not take the last commands", null);
    }

    /**
     * Whether the tenant sent a request with this Idempotency-Key before: its retry is answered with the first
     * request's outcome by {@link #dispatch}, so an endpoint skips the checks that the first request changed the
     * answer of (a release deleted by it is not found any more).
     */
    public boolean isRetry(String tenant, String idempotencyKey) {
        return known(tenant, idempotencyKey);
    }

    private boolean known(String tenant, String idempotencyKey) {
        return idempotencyKey != null && requests.byIdempotencyKey(tenant, idempotencyKey).isPresent();
    }

    /**
     * A command's envelope. Its message id is the request id: every copy of it — a redelivery, or a retry with the same
     * Idempotency-Key — is the same message to the worker, which applies it once.
     */
    private static <T> Envelope<T> envelope(CommandRequest<T> command, UUID requestId) {
        return new Envelope<>(requestId, SOURCE, command.type().id(), Instant.now(), command.subject(),
                command.caller().tenantId(), requestId, command.payload());
    }

    private List<CommandResult> replayAll(String tenant, String kind, String key, String bodyHash,
                                          boolean respondAsync, int count) {
        AcceptedRequest first = requests.byIdempotencyKey(tenant, key)
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
        if (!first.kind().equals(kind) || !first.bodyHash().equals(bodyHash)) {
            throw new ApiException(HttpStatus.CONFLICT, "Idempotency-Key was already used with a different request");
        }
        if (first.publication() == Publication.PENDING) {
            throw stillBeingAccepted();
        }
        List<UUID> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(requests.byIdempotencyKey(tenant, key + "#" + i).map(AcceptedRequest::requestId)
                    .orElseThrow(CommandDispatcher::stillBeingAccepted));
        }
        log.info("Idempotent retry of {} {} requests of tenant {}", count, kind, tenant);
        return results(ids, outcomes(tenant, ids, respondAsync));
    }

    private static ApiException stillBeingAccepted() {
        return new ApiException(HttpStatus.CONFLICT,
                "The first request with this Idempotency-Key is still being accepted; retry later");
    }

    /** The outcomes the requests have: at once when the client asked for an asynchronous answer, else waited for. */
    private Map<UUID, RequestOutcome> outcomes(String tenant, List<UUID> ids, boolean respondAsync) {
        return respondAsync ? waiter.awaitAll(tenant, ids, Duration.ZERO) : waiter.awaitAll(tenant, ids);
    }

    /** One result per request, in order: its outcome, or pending. */
    private static List<CommandResult> results(List<UUID> ids, Map<UUID, RequestOutcome> outcomes) {
        return ids.stream().map(id -> new CommandResult(id, Optional.ofNullable(outcomes.get(id)))).toList();
    }

    /** The temporary object a command registers, which must outlive the request until it has an outcome. */
    private static String objectKey(Object payload) {
        return payload instanceof RegisterMedia media ? media.storedKey() : null;
    }

    /** The outcome of a request, once it has one. */
    public Optional<RequestOutcome> outcome(String tenantId, UUID requestId) {
        return requests.outcome(tenantId, requestId);
    }

    public Optional<AcceptedRequest> accepted(String tenantId, UUID requestId) {
        return requests.accepted(tenantId, requestId);
    }

    /**
     * A retry with an Idempotency-Key already used: the first request's outcome, never a second effect. While the
     * first is still being published the retry is a 409 (it must not be given a request id that may yet be dropped);
     * when the broker never acknowledged the first, its command is sent again under the first request's id — the
     * worker applies one of the copies.
     */
    private <T> CommandResult replay(CommandRequest<T> command) {
        String tenant = command.caller().tenantId();
        AcceptedRequest first = requests.byIdempotencyKey(tenant, command.idempotencyKey())
                .orElseThrow(CommandDispatcher::stillBeingAccepted); // forgotten meanwhile: not accepted after all
        if (!first.kind().equals(command.kind()) || !first.bodyHash().equals(command.bodyHash())) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "Idempotency-Key was already used with a different request");
        }
        log.info("Idempotent retry of request {} of tenant {}", first.requestId(), tenant);
        Optional<RequestOutcome> outcome = requests.outcome(tenant, first.requestId());
        if (outcome.isPresent()) {
            return new CommandResult(first.requestId(), outcome);
        }
        boolean stale = first.createdAt() != null
                && first.createdAt().isBefore(Instant.now().minus(publishWait.multipliedBy(2)));
        if (first.publication() == Publication.PENDING && !stale) {
            // being published, or acknowledged and its record deferred (Acknowledgements): a synchronous retry waits
            // for the outcome, which comes only if the command was sent; no id is given out that may yet be dropped
            Optional<RequestOutcome> awaited = command.respondAsync() ? Optional.empty()
                    : waiter.await(tenant, first.requestId());
            if (awaited.isPresent()) {
                return new CommandResult(first.requestId(), awaited);
            }
            throw stillBeingAccepted();
        }
        if (first.publication() != Publication.SENT) {
            // the first never got an acknowledgement (or its gateway died publishing it): send it again, same id
            Envelope<T> again = envelope(command, first.requestId());
            MessagePublisher.Offer offer = publisher.offer(command.topic(), again);
            if (offer.delivery() == Delivery.SENT) {
                broker.succeeded();
                record(List.of(first.requestId()), Publication.SENT);
            } else {
                broker.failed();
                record(List.of(first.requestId()), Publication.UNKNOWN);
                redelivery.keep(command.topic(), List.of(again));
                return CommandResult.pending(first.requestId());
            }
        }
        if (command.respondAsync()) {
            return CommandResult.pending(first.requestId());
        }
        return new CommandResult(first.requestId(), waiter.await(tenant, first.requestId()));
    }
}
