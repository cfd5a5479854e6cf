package io.catalogingest.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.upload.UploadRejectedException;
import io.catalogingest.support.outage.Dependency;

/** The refusals every endpoint shares, answered in one place: the seed's body, and Retry-After on a 503. */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(new OutageProperties(Duration.ofSeconds(7)));

    @Test
    void aRefusalIsItsStatusAndReasonsWithoutRetryAfter() {
        ResponseEntity<ApiError> answer = handler.refused(ApiException.badRequest("Invalid artist",
                List.of(new FieldError("name", "is required"))));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).isEqualTo(ApiError.of("Invalid artist",
                List.of(new FieldError("name", "is required"))));
        assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    @Test
    void anOutageIs503WithRetryAfter() {
        ResponseEntity<ApiError> answer = handler.unavailable(Dependency.DATABASE, new IllegalStateException("down"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        assertThat(answer.getBody().message()).isEqualTo("The database is unavailable. Retry later.");
    }

    @Test
    void aRefusedUploadKeepsItsStatusAndItsOwnRetryAfterInWholeSecondsAtLeastOne() {
        ResponseEntity<ApiError> busy = handler.uploadRefused(new UploadRejectedException(
                HttpStatus.SERVICE_UNAVAILABLE, "Too many uploads at once; retry later", Duration.ofMillis(200), null));
        ResponseEntity<ApiError> tooLarge = handler.uploadRefused(new UploadRejectedException(
                HttpStatus.PAYLOAD_TOO_LARGE, "File larger than 10 bytes"));

        assertThat(busy.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(busy.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(busy.getBody()).isEqualTo(ApiError.of("Too many uploads at once; retry later"));
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }
}
