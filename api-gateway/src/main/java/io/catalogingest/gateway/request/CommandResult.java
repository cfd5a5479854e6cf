package io.catalogingest.gateway.request;

import java.util.Optional;
import java.util.UUID;

/**
 * What became of a published command by the time the gateway answers: an outcome, or still pending (answer 202).
 */
public record CommandResult(UUID requestId, Optional<RequestOutcome> outcome) {

    public static CommandResult pending(UUID requestId) {
        return new CommandResult(requestId, Optional.empty());
    }
}
