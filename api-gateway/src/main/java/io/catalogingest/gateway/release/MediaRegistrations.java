package io.catalogingest.gateway.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.releases.RegisterMedia;
import io.catalogingest.common.releases.ReleaseMessages;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandRequest;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.OutcomeWaiter;
import io.catalogingest.gateway.request.RequestOutcome;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Fingerprint;

/**
 * Publishes one {@code RegisterMedia} per stored file (each its own request, keyed by the release id so it is ordered
 * with the release's other commands) and waits, bounded, for the ingest-worker's verdicts: all commands are published
 * first, then the waits run together, so N files cost one wait, not N.
 */
@Component
class MediaRegistrations {

    private static final Logger log = LoggerFactory.getLogger(MediaRegistrations.class);

    private final CommandDispatcher dispatcher;
    private final OutcomeWaiter waiter;
    private final Duration wait;

    MediaRegistrations(CommandDispatcher dispatcher, OutcomeWaiter waiter,
                       @Value("${catalog.gateway.media-registration-wait:${catalog.gateway.sync-wait:10s}}")
                       Duration wait) {
        this.dispatcher = dispatcher;
        this.waiter = waiter;
        this.wait = wait;
    }

    /** A published registration and, if the worker answered in time, its outcome. */
    record Registration(RegisterMedia command, UUID requestId, Optional<RequestOutcome> outcome) {
    }

    /**
     * @param idempotencyKey the client's key, or null; each file's command gets {@code key#n}
     * @param respondAsync   publish without waiting
     */
    List<Registration> register(Caller caller, List<RegisterMedia> commands, String idempotencyKey,
                                boolean respondAsync) {
        List<Registration> published = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            RegisterMedia command = commands.get(i);
            CommandResult result = dispatcher.dispatch(new CommandRequest<>(caller, "media.register",
                    Topics.RELEASE_COMMANDS, ReleaseMessages.REGISTER_MEDIA, command.releaseId(), command,
                    Fingerprint.of(command.objectKey() + "\n" + command.size() + "\n" + command.sha256()),
                    idempotencyKey == null ? null : idempotencyKey + "#" + i, true));
            published.add(new Registration(command, result.requestId(), result.outcome()));
        }
        if (respondAsync) {
            return published;
        }
        return awaitAll(caller.tenantId(), published);
    }

    private List<Registration> awaitAll(String tenantId, List<Registration> published) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Registration> answered = new ArrayList<>(published.size());
        for (Registration registration : published) {
            if (registration.outcome().isPresent()) {
                answered.add(registration);
                continue;
            }
            // expect before looking: an outcome committed before expect() is in Postgres, one after wakes us up
            CompletableFuture<Void> done = waiter.expect(registration.requestId());
            try {
                Optional<RequestOutcome> outcome = dispatcher.outcome(tenantId, registration.requestId());
                if (outcome.isEmpty()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining > 0) {
                        done.get(remaining, TimeUnit.NANOSECONDS);
                    }
                    outcome = dispatcher.outcome(tenantId, registration.requestId());
                }
                answered.add(new Registration(registration.command(), registration.requestId(), outcome));
            } catch (TimeoutException e) {
                log.info("Registration {} has no verdict after {}", registration.requestId(), wait);
                answered.add(new Registration(registration.command(), registration.requestId(),
                        dispatcher.outcome(tenantId, registration.requestId())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answered.add(registration);
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                answered.add(registration);
            } finally {
                waiter.forget(registration.requestId());
            }
        }
        return answered;
    }
}
