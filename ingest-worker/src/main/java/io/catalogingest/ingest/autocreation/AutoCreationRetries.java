package io.catalogingest.ingest.autocreation;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.AutoCreationRetried;
import io.catalogingest.common.release.CommandRejected;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.release.RetryAutoCreation;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.messaging.PoisonMessageException;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;

/**
 * Applies {@link RetryAutoCreation}: an {@code approved} release whose auto-creation failed becomes pending again and
 * its approval due again with a new command id (the retry's own message id, so a redelivered retry is the same one).
 * The approval-worker's poll then promotes what is left and asks for the product again (same product id).
 */
@Service
class AutoCreationRetries implements MessageHandlers {

    static final String CONSUMER = "ingest-worker.releases";
    private static final Logger log = LoggerFactory.getLogger(AutoCreationRetries.class);
    private static final String SOURCE = "/ingest-worker";

    private final AppliedOnce appliedOnce;

    AutoCreationRetries(AppliedOnce appliedOnce) {
        this.appliedOnce = appliedOnce;
    }

    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.RELEASE_COMMANDS, ReleaseMessages.RETRY_AUTO_CREATION, KeyRule.uuidAggregate(),
                this::retry);
    }

    void retry(Envelope<RetryAutoCreation> command) {
        String releaseId = command.payload().releaseId();
        ReleaseId id = ReleaseId.parse(releaseId).orElseThrow(() -> new PoisonMessageException(
                "release command for '" + releaseId + "', which is not a release id"));
        appliedOnce.apply(CONSUMER, command, (handle, same) -> {
            AutoCreationRetryDao approvals = handle.attach(AutoCreationRetryDao.class);
            Optional<AutoCreationRetryDao.State> state = approvals.lock(command.tenantId(), id);
            if (state.isEmpty()) {
                return rejection(command, 404, "Release not found", List.of());
            }
            if (!"approved".equals(state.get().status()) || !"failed".equals(state.get().autoCreationStatus())) {
                String refusal = "Release is '" + state.get().status() + "' with autoCreationStatus '"
                        + state.get().autoCreationStatus() + "'; only an 'approved' release whose auto-creation "
                        + "'failed' can be retried";
                return rejection(command, 400, refusal, List.of(new FieldError("status", refusal)));
            }
            Optional<String> stage = approvals.dueAgain(command.tenantId(), id, command.id());
            if (stage.isEmpty()) {
                return rejection(command, 409, "The release's approval is not in a failed state",
                        List.of(new FieldError("autoCreationStatus", "no failed approval to retry")));
            }
            approvals.forgetOutcome(id);
            approvals.markPending(command.tenantId(), id);
            log.info("Retrying the auto-creation of release {} of tenant {} from {} (request {})", releaseId,
                    command.tenantId(), stage.get(), command.requestId());
            return Outcome.success("release", releaseId, 200, Topics.RELEASE_EVENTS,
                    command.reply(ReleaseMessages.AUTO_CREATION_RETRIED, SOURCE, releaseId,
                            new AutoCreationRetried(releaseId, stage.get())));
        });
    }

    private static Outcome rejection(Envelope<?> command, int status, String message, List<FieldError> errors) {
        String releaseId = command.subject();
        return Outcome.rejection("release", releaseId, status, message, errors, Topics.RELEASE_EVENTS,
                command.reply(ReleaseMessages.COMMAND_REJECTED, SOURCE, releaseId,
                        new CommandRejected(releaseId, command.type(), status, message, errors)));
    }
}
