package io.catalogingest.gateway.error;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.EOFException;
import java.time.Duration;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Issue 11's first row, root-caused: a pooled connection that PostgreSQL closed (immediate stop) fails with pgjdbc's
 * "An I/O error occurred while sending to the backend", caused by an {@code EOFException}. Spring's
 * {@code DefaultHandlerExceptionResolver} takes any exception with an EOFException among its causes for a client that
 * went away and leaves the response untouched — {@code 200} with an empty body — unless the advice answers first. The
 * same resolvers as in the gateway run here (standalone MockMvc registers Spring's defaults).
 */
class UnexpectedFailureAnswerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ApiExceptionHandler(new OutageProperties(Duration.ofSeconds(5))))
            .build();

    @Test
    void aConnectionThePostgresServerClosedIsA503WithRetryAfterNotAnEmpty200() throws Exception {
        mvc.perform(get("/closed-connection"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.status").value("error"))
                .andExpect(jsonPath("$.message").value("The database is unavailable. Retry later."));
    }

    @Test
    void anyOtherFailureWithAnEofAmongItsCausesIsA500InTheSeedBodyNotAnEmpty200() throws Exception {
        mvc.perform(get("/eof-elsewhere"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.status").value("error"));
    }

    @Test
    void springsOwnExceptionsKeepTheirStatus() throws Exception {
        mvc.perform(get("/conflict")).andExpect(status().isConflict());
    }

    @RestController
    static class Failing {

        @GetMapping("/closed-connection")
        String closedConnection() {
            throw new UnableToExecuteStatementException(new PSQLException(
                    "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
                    new EOFException()), null);
        }

        @GetMapping("/eof-elsewhere")
        String eofElsewhere() {
            throw new IllegalStateException("a call failed", new EOFException());
        }

        @GetMapping("/conflict")
        String conflict() {
            throw new ResponseStatusException(HttpStatus.CONFLICT);
        }
    }
}
