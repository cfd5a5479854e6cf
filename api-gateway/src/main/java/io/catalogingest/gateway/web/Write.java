package io.catalogingest.gateway.web;

/**
 * What a client asks of a write besides its body, from its headers: the {@code Idempotency-Key} (checked; null when
 * none was sent) and whether it prefers an answer at once ({@code Prefer: respond-async}, RFC 7240). A controller
 * method that writes takes one as an argument ({@link WriteArgumentResolver}); the OpenAPI document states both
 * headers on every such operation.
 */
public record Write(String idempotencyKey, boolean respondAsync) {

    /** The write as its headers ask: a malformed key is a 400. */
    public static Write of(String idempotencyKey, String prefer) {
        return new Write(IdempotencyKeys.check(idempotencyKey), Prefer.respondAsync(prefer));
    }
}
