package io.catalogingest.gateway.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
 * first, then {@link OutcomeWaiter#awaitAll} waits for them together, so N files cost one wait, not N.
 */
@Component
class MediaRegistrations {

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
        Map<UUID, RequestOutcome> outcomes = waiter.awaitAll(caller.tenantId(),
                published.stream().map(Registration::requestId).toList(), wait);
        return published.stream().map(registration -> new Registration(registration.command(),
                registration.requestId(), Optional.ofNullable(outcomes.get(registration.requestId())))).toList();
    }
}
