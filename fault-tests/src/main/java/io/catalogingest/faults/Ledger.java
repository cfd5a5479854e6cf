package io.catalogingest.faults;

import java.util.ArrayList;
import java.util.List;

/** Every request the load driver made in one scenario, what it was answered, and what its effect must be. */
final class Ledger {

    enum Kind {
        PRODUCT_SYNC, PRODUCT_ASYNC, PROBE, RELEASE_CREATE, UPLOAD_COVER, UPLOAD_TRACK, UPLOAD_FILE, SUBMIT, APPROVE;

        boolean product() {
            return this == PRODUCT_SYNC || this == PRODUCT_ASYNC || this == PROBE;
        }
    }

    /**
     * One logical request (one Idempotency-Key, however many attempts). {@code marker} is the product's or the
     * release's title, unique per request, so its effect can be counted in Postgres.
     */
    static final class Op {
        final Kind kind;
        final String marker;
        final String idempotencyKey;
        volatile String releaseId;
        volatile String trackId;
        volatile int status;
        volatile int attempts;
        volatile String requestId;
        volatile boolean jsonBody;
        /** the last answer, kept for release creates (their body names the release) */
        volatile GatewayClient.Reply reply;

        Op(Kind kind, String marker, String idempotencyKey) {
            this.kind = kind;
            this.marker = marker;
            this.idempotencyKey = idempotencyKey;
        }

        void answered(GatewayClient.Reply reply) {
            jsonBody = reply.body() != null;
            status = reply.status();
            attempts = reply.attempts();
            requestId = reply.requestId().orElse(null);
        }

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        /** Acknowledged without an outcome yet: the request id must reach a terminal outcome. */
        boolean acceptedPending() {
            return status == 202 && requestId != null;
        }

        @Override
        public String toString() {
            return kind + " " + (marker != null ? marker : "") + (releaseId != null ? " release " + releaseId : "")
                    + " -> " + status + (jsonBody ? "" : " (no JSON body)") + " after " + attempts + " attempt(s)";
        }
    }

    private final List<Op> ops = new ArrayList<>();

    synchronized Op add(Kind kind, String marker, String idempotencyKey) {
        Op op = new Op(kind, marker, idempotencyKey);
        ops.add(op);
        return op;
    }

    synchronized List<Op> ops() {
        return List.copyOf(ops);
    }
}
