package io.catalogingest.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiError;

/** Every answer the one builder makes, with its status, headers and body. */
class AnswersTest {

    private static final UUID REQUEST = UUID.fromString("3f1c2a94-5e0b-4c1d-9a7e-0b6f3d2c1a00");
    private static final String REQUEST_LOCATION = "/requests/" + REQUEST;

    @Test
    void aCreatedResourceIsTheOutcomesStatusWithItsLocationAndTheRequestId() {
        ResponseEntity<Object> answer = Answers.command(result(outcome(201, "succeeded")),
                outcome -> new Answers.Resource("/artist/" + outcome.resourceId(), "the artist"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getLocation()).isEqualTo(URI.create("/artist/a-1"));
        assertThat(answer.getHeaders().getFirst(Answers.REQUEST_ID)).isEqualTo(REQUEST.toString());
        assertThat(answer.getBody()).isEqualTo("the artist");
    }

    @Test
    void aChangeWithoutAPlaceHasNoLocation() {
        ResponseEntity<Object> answer = Answers.command(result(outcome(200, "succeeded")),
                outcome -> new Answers.Resource(null, "deleted"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getLocation()).isNull();
        assertThat(answer.getHeaders().getFirst(Answers.REQUEST_ID)).isEqualTo(REQUEST.toString());
    }

    @Test
    void aRefusalIsTheWorkersStatusAndReasonsInTheSeedBodyAndReadsNoResource() {
        ResponseEntity<Object> answer = Answers.command(result(outcome(409, "rejected")), outcome -> {
            throw new AssertionError("a refusal has no resource to read");
        });

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getHeaders().getFirst(Answers.REQUEST_ID)).isEqualTo(REQUEST.toString());
        assertThat(answer.getHeaders().getLocation()).isNull();
        assertThat(answer.getBody()).isEqualTo(ApiError.of("The id is taken",
                List.of(new FieldError("id", "is taken"))));
    }

    @Test
    void aPendingCommandIs202WithRoyaltisEnvelopeAndWhereToAsk() {
        ResponseEntity<Object> answer = Answers.command(CommandResult.pending(REQUEST), outcome -> {
            throw new AssertionError("nothing to read yet");
        });

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getHeaders().getLocation()).isEqualTo(URI.create(REQUEST_LOCATION));
        assertThat(answer.getHeaders().getFirst(Answers.REQUEST_ID)).isEqualTo(REQUEST.toString());
        assertThat(answer.getBody()).isEqualTo(new Accepted(true, "Accepted; the outcome will be at "
                + REQUEST_LOCATION, new Pending("pending", REQUEST, REQUEST_LOCATION)));
    }

    @Test
    void anEndpointsOwn202BodyAndHeadersKeepTheSameStatusAndHeaders() {
        Map<String, String> deprecation = Map.of("Deprecation", "true");
        ResponseEntity<Object> pending = Answers.command(CommandResult.pending(REQUEST),
                outcome -> new Answers.Resource("/product/p", "product"), Pending::of, deprecation);
        ResponseEntity<Object> created = Answers.command(result(outcome(201, "succeeded")),
                outcome -> new Answers.Resource("/product/p", "product"), Pending::of, deprecation);

        assertThat(pending.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(pending.getBody()).isEqualTo(Pending.of(REQUEST));
        assertThat(pending.getHeaders().getLocation()).isEqualTo(URI.create(REQUEST_LOCATION));
        assertThat(pending.getHeaders().getFirst(Answers.REQUEST_ID)).isEqualTo(REQUEST.toString());
        assertThat(pending.getHeaders().getFirst("Deprecation")).isEqualTo("true");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).isEqualTo(URI.create("/product/p"));
        assertThat(created.getHeaders().getFirst(Answers.REQUEST_ID)).isEqualTo(REQUEST.toString());
        assertThat(created.getHeaders().getFirst("Deprecation")).isEqualTo("true");
    }

    @Test
    void anAnswerAboutSeveralRequestsNamesTheOneGiven() {
        ResponseEntity<Object> accepted = Answers.accepted(REQUEST, "files processing");
        ResponseEntity<Object> refused = Answers.refused(REQUEST, 400, "No file was accepted: bad",
                List.of(new FieldError("files", "bad")));
        ResponseEntity<Object> decided = Answers.decided(REQUEST, HttpStatus.CREATED,
                new Answers.Resource(null, "media"));

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(accepted.getHeaders().getLocation()).isEqualTo(URI.create(REQUEST_LOCATION));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).isEqualTo(ApiError.of("No file was accepted: bad",
                List.of(new FieldError("files", "bad"))));
        assertThat(decided.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        for (ResponseEntity<Object> answer : List.of(accepted, refused, decided)) {
            assertThat(answer.getHeaders().getFirst(Answers.REQUEST_ID)).isEqualTo(REQUEST.toString());
        }
    }

    @Test
    void aBatchIs201WhenDecidedAnd202WhilePendingAndNamesItsRequestsInTheBody() {
        assertThat(Answers.batch(false, "all decided").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Object> pending = Answers.batch(true, "some pending");
        assertThat(pending.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(pending.getHeaders().containsHeader(Answers.REQUEST_ID)).isFalse();
        assertThat(pending.getHeaders().getLocation()).isNull();
    }

    @Test
    void aWriteWithoutACommandHasNoRequestId() {
        ResponseEntity<Object> created = Answers.created(null, "secret");
        ResponseEntity<Object> scheduled = Answers.scheduled("/tenant/webhooks/deliveries/d-1", "delivery");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).isNull();
        assertThat(scheduled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(scheduled.getHeaders().getLocation()).isEqualTo(URI.create("/tenant/webhooks/deliveries/d-1"));
        for (ResponseEntity<Object> answer : List.of(created, scheduled)) {
            assertThat(answer.getHeaders().containsHeader(Answers.REQUEST_ID)).isFalse();
            assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        }
    }

    private static CommandResult result(RequestOutcome outcome) {
        return new CommandResult(REQUEST, Optional.of(outcome));
    }

    private static RequestOutcome outcome(int status, String outcome) {
        boolean succeeded = "succeeded".equals(outcome);
        RequestOutcome.Kind kind = succeeded ? RequestOutcome.Kind.SUCCEEDED : RequestOutcome.Kind.REJECTED;
        return new RequestOutcome(REQUEST, "tenant-a", kind, "artist", "a-1", status,
                succeeded ? null : "The id is taken", succeeded ? List.of() : List.of(new FieldError("id", "is taken")),
                Instant.now());
    }
}
