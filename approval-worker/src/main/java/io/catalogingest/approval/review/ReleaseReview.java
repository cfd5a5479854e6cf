package io.catalogingest.approval.review;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.catalogingest.approval.progress.ApprovalDriver;
import io.catalogingest.common.Ids;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Envelope;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.release.ReleaseAction;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.common.release.CommandRejected;
import io.catalogingest.common.release.ReleaseMessages;
import io.catalogingest.common.review.ReleaseApproved;
import io.catalogingest.common.review.ReleaseRejected;
import io.catalogingest.common.review.ReleaseReviewed;
import io.catalogingest.common.review.ReviewMessages;
import io.catalogingest.support.dispatch.HandlerRegistry;
import io.catalogingest.support.dispatch.KeyRule;
import io.catalogingest.support.dispatch.MessageHandlers;
import io.catalogingest.support.persistence.Applied;
import io.catalogingest.support.persistence.AppliedOnce;
import io.catalogingest.support.persistence.Outcome;

/**
 * Applies review events to releases (DESIGN.md §4): only a {@code submitted} release can be approved or rejected;
 * anything else is refused with a {@link CommandRejected} event and changes nothing. A rejection sets the release
 * {@code rejected} with the feedback (its files stay in temporary storage; it can be edited and submitted again). An
 * approval sets it {@code approved} with {@code autoCreationStatus=pending}, and records in the same transaction
 * what has to happen next — every registered file to promote, the product id and the id of the command that will
 * create it — before {@link ApprovalDriver} is kicked to do it.
 *
 * <p>One transaction per review ({@link AppliedOnce}): the dedupe mark, the change, the request's outcome and its event
 * in the outbox; the event is published after the commit. A redelivered review changes nothing, announces its
 * recorded outcome again and kicks the release (whose approval may have been left unfinished).
 */
@Service
class ReleaseReview implements MessageHandlers {

    static final String CONSUMER = "approval-worker.reviews";
    static final int MAX_FEEDBACK = 5000;
    static final int MAX_REVIEWER = 255;
    private static final Logger log = LoggerFactory.getLogger(ReleaseReview.class);
    private static final String SOURCE = "/approval-worker";

    private final AppliedOnce appliedOnce;
    private final ApprovalDriver driver;

    ReleaseReview(AppliedOnce appliedOnce, ApprovalDriver driver) {
        this.appliedOnce = appliedOnce;
        this.driver = driver;
    }

    /**
     * Reviews of any key: one keyed by another release than it names is refused with an event (the review services
     * are not ours, and their mistakes are answered), not dead-lettered.
     */
    @Override
    public void registerOn(HandlerRegistry registry) {
        registry.each(Topics.RELEASE_REVIEWS, ReviewMessages.RELEASE_APPROVED, KeyRule.any(), this::approve)
                .each(Topics.RELEASE_REVIEWS, ReviewMessages.RELEASE_REJECTED, KeyRule.any(), this::reject);
    }

    void approve(Envelope<ReleaseApproved> review) {
        ReleaseApproved approved = review.payload();
        apply(review, new Decision(ReleaseAction.APPROVE, approved.releaseId(), approved.reviewerId(),
                approved.feedback()));
    }

    void reject(Envelope<ReleaseRejected> review) {
        ReleaseRejected rejected = review.payload();
        apply(review, new Decision(ReleaseAction.REJECT, rejected.releaseId(), rejected.reviewerId(),
                rejected.feedback()));
    }

    /** What a review asks for. */
    private record Decision(ReleaseAction action, String releaseId, String reviewerId, String feedback) {
    }

    /**
     * The review through the one idempotent-consumer path; an approval kicks the release's driver once its event is
     * announced (the driver's events follow it), and so does a redelivered review (its approval may have been left
     * unfinished).
     */
    private <T> void apply(Envelope<T> review, Decision decision) {
        Optional<UUID> releaseId = parse(decision.releaseId());
        appliedOnce.process(CONSUMER, review, AppliedOnce.Step.of((handle, same) -> {
            Outcome outcome = decide(handle, same, decision);
            Applied applied = Applied.recorded(outcome);
            boolean approved = outcome.succeeded() && decision.action() == ReleaseAction.APPROVE;
            return approved && releaseId.isPresent()
                    ? applied.andAfterAnnounce(() -> driver.kick(releaseId.get())) : applied;
        }, (handle, same, recorded) -> {
            Applied again = Applied.announcing(recorded.stream().toList());
            return releaseId.isPresent() ? again.andAfterAnnounce(() -> driver.kick(releaseId.get())) : again;
        }));
    }

    private Outcome decide(Handle handle, Envelope<?> review, Decision decision) {
        String tenant = review.tenantId();
        Optional<UUID> releaseId = parse(decision.releaseId());
        if (releaseId.isEmpty()) {
            return refusal(review, decision, 404, "Release not found", List.of());
        }
        ReviewDao reviews = handle.attach(ReviewDao.class);
        Optional<ReleaseStatus> status = reviews.lockStatus(tenant, releaseId.get());
        if (status.isEmpty()) {
            return refusal(review, decision, 404, "Release not found", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        if (!decision.releaseId().equals(review.subject())) {
            errors.add(new FieldError("releaseId", "must equal the record key and ce_subject ('" + review.subject()
                    + "')"));
        }
        if (decision.action() == ReleaseAction.REJECT && (decision.feedback() == null
                || decision.feedback().isBlank())) {
            errors.add(new FieldError("feedback", "is required to reject a release"));
        }
        if (decision.feedback() != null && decision.feedback().length() > MAX_FEEDBACK) {
            errors.add(new FieldError("feedback", "must have at most " + MAX_FEEDBACK + " characters"));
        }
        if (decision.reviewerId() != null && decision.reviewerId().length() > MAX_REVIEWER) {
            errors.add(new FieldError("reviewerId", "must have at most " + MAX_REVIEWER + " characters"));
        }
        if (!errors.isEmpty()) {
            return refusal(review, decision, 400, "Invalid review", errors);
        }
        Optional<String> refusal = status.get().refusalOf(decision.action());
        if (refusal.isPresent()) {
            return refusal(review, decision, 400, refusal.get(), List.of(new FieldError("status", refusal.get())));
        }
        Instant reviewedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String reviewer = decision.reviewerId() != null ? decision.reviewerId() : review.source();
        int media = decision.action() == ReleaseAction.APPROVE
                ? reviews.approve(tenant, releaseId.get(), reviewer, decision.feedback(), reviewedAt,
                        review.id(), review.requestId())
                : reviews.reject(tenant, releaseId.get(), reviewer, decision.feedback(), reviewedAt);
        ReleaseStatus after = decision.action().target();
        log.info("Release {} of tenant {} is {} by {} ({} files)", releaseId.get(), tenant, after.jsonName(),
                reviewer, media);
        return Outcome.success("release", decision.releaseId(), 200, Topics.RELEASE_EVENTS,
                review.reply(ReviewMessages.RELEASE_REVIEWED, SOURCE, decision.releaseId(),
                        new ReleaseReviewed(decision.releaseId(), after, reviewer, decision.feedback(), reviewedAt,
                                media)));
    }

    private static Outcome refusal(Envelope<?> review, Decision decision, int status, String message,
                                   List<FieldError> errors) {
        log.info("Refused {} {} of release {} of tenant {}: {} {}", review.type(), review.id(), decision.releaseId(),
                review.tenantId(), message, errors);
        return Outcome.rejection("release", decision.releaseId(), status, message, errors, Topics.RELEASE_EVENTS,
                review.reply(ReleaseMessages.COMMAND_REJECTED, SOURCE, review.subject(),
                        new CommandRejected(decision.releaseId(), review.type(), status, message, errors)));
    }

    private static Optional<UUID> parse(String text) {
        return Ids.uuid(text);
    }
}
