package io.catalogingest.faults;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.catalogingest.faults.GatewayClient.Body;
import io.catalogingest.faults.GatewayClient.Reply;
import io.catalogingest.faults.Ledger.Kind;
import io.catalogingest.faults.Ledger.Op;

/**
 * The mixed load of one scenario, against both gateways: product clients alternate sync and async creates, with and
 * without their own id; release clients create a release with one track, upload its artwork and the track's audio,
 * submit it and approve it as an admin, each step waiting for the one before. Every request goes through
 * {@link GatewayClient}'s retries and is written to the {@link Ledger}.
 */
final class LoadDriver {

    private static final Logger log = LoggerFactory.getLogger(LoadDriver.class);
    private static final byte[] COVER_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final byte[] TRACK_WAV = silentWav(8000, 1);

    private final GatewayClient client;
    private final String scenario;
    private final String userToken;
    private final String adminToken;
    private final SuiteOptions options;
    private final Stats stats;
    private final Ledger ledger = new Ledger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    LoadDriver(GatewayClient client, String scenario, String userToken, String adminToken, SuiteOptions options,
               Stats stats) {
        this.client = client;
        this.scenario = scenario;
        this.userToken = userToken;
        this.adminToken = adminToken;
        this.options = options;
        this.stats = stats;
    }

    Ledger ledger() {
        return ledger;
    }

    void start() {
        running = true;
        for (int i = 0; i < options.productClients(); i++) {
            threads.add(started(new Thread(this::products, "products-" + i)));
        }
        for (int i = 0; i < options.releaseClients(); i++) {
            threads.add(started(new Thread(this::releases, "releases-" + i)));
        }
        threads.add(started(new Thread(this::uploads, "uploads")));
    }

    private static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    /** Stops issuing new requests and waits (bounded) for those in flight to get their last answer. */
    void stop() throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + options.retryBudget().plus(options.requestTimeout())
                .plusSeconds(90).toNanos();
        for (Thread thread : threads) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            thread.join(left);
            if (thread.isAlive()) {
                log.warn("{} still busy at the bound: interrupting it", thread.getName());
                thread.interrupt();
            }
        }
    }

    private void products() {
        while (running) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            boolean async = random.nextBoolean();
            String marker = "p-" + scenario + "-" + sequence.incrementAndGet();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", marker);
            body.put("type", "Audio");
            if (random.nextBoolean()) {
                body.put("id", marker);
            }
            Op op = ledger.add(async ? Kind.PRODUCT_ASYNC : Kind.PRODUCT_SYNC, marker, UUID.randomUUID().toString());
            op.answered(client.post("/product", userToken, Body.json(body), op.idempotencyKey, async, stats,
                    () -> false));
            pause(options.productPause());
        }
    }

    private void releases() {
        while (running) {
            try {
                releaseFlow();
            } catch (RuntimeException e) {
                log.warn("release flow failed: {}", e.toString());
            }
            pause(options.productPause());
        }
    }

    /**
     * Keeps an upload in flight at all times, so that every fault meets one mid-stream: one draft release, then
     * artwork files with new names, one request each.
     */
    private void uploads() {
        String releaseId = null;
        while (running && releaseId == null) {
            String marker = "u-" + scenario + "-" + sequence.incrementAndGet();
            Op create = post(Kind.RELEASE_CREATE, marker, null, "/releases", userToken, Body.json(release(marker)));
            releaseId = create.acknowledged() ? resolveRelease(create) : null;
            create.releaseId = releaseId;
            if (releaseId == null) {
                pause(options.productPause());
            }
        }
        while (running) {
            String name = "extra-" + sequence.incrementAndGet() + ".png";
            Op upload = post(Kind.UPLOAD_FILE, name, releaseId, "/releases/" + releaseId + "/media/files", userToken,
                    Body.multipart("files", name, "image/png", COVER_PNG));
            if (!upload.acknowledged()) {
                pause(options.productPause());
            }
        }
    }

    private void releaseFlow() {
        String marker = "r-" + scenario + "-" + sequence.incrementAndGet();
        Op create = post(Kind.RELEASE_CREATE, marker, null, "/releases", userToken, Body.json(release(marker)));
        if (!create.acknowledged()) {
            return;
        }
        String releaseId = resolveRelease(create);
        if (releaseId == null) {
            return;
        }
        create.releaseId = releaseId;
        Reply view = awaitRelease(releaseId, status -> true);
        String trackId = view == null ? null : view.text("/data/tracks/0/id");
        if (trackId == null) {
            return;
        }
        create.trackId = trackId;
        Op cover = post(Kind.UPLOAD_COVER, null, releaseId, "/releases/" + releaseId + "/media/files", userToken,
                Body.multipart("files", "cover.png", "image/png", COVER_PNG));
        Op track = post(Kind.UPLOAD_TRACK, null, releaseId,
                "/releases/" + releaseId + "/tracks/" + trackId + "/media/file", userToken,
                Body.multipart("file", "dawn.wav", "audio/wav", TRACK_WAV));
        track.trackId = trackId;
        if (!cover.acknowledged() || !track.acknowledged() || !running) {
            return;
        }
        Op submit = post(Kind.SUBMIT, null, releaseId, "/releases/" + releaseId + "/submit", userToken, Body.empty());
        if (!submit.acknowledged() || awaitRelease(releaseId, "submitted"::equals) == null || !running) {
            return;
        }
        post(Kind.APPROVE, null, releaseId, "/releases/" + releaseId + "/review", adminToken,
                Body.json(Map.of("action", "approve", "feedback", "fault suite")));
    }

    private static Map<String, Object> release(String title) {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("title", title);
        release.put("displayArtist", "Fault Suite");
        release.put("artists", Map.of("Fault Suite", "primary"));
        release.put("tracks", List.of(Map.of("title", "Dawn", "trackNumber", 1, "duration", 1)));
        return release;
    }

    private Op post(Kind kind, String marker, String releaseId, String path, String token, Body body) {
        Op op = ledger.add(kind, marker, UUID.randomUUID().toString());
        op.releaseId = releaseId;
        Reply reply = client.post(path, token, body, op.idempotencyKey, false, stats, () -> false);
        op.answered(reply);
        if (kind == Kind.RELEASE_CREATE) {
            op.reply = reply;
        }
        return op;
    }

    /** The id of an acknowledged release: from the 201's body, or, after a 202, from its request's outcome. */
    private String resolveRelease(Op create) {
        if (create.status != 202) {
            return create.reply == null ? null : create.reply.text("/data/id");
        }
        long deadline = System.nanoTime() + options.retryBudget().toNanos();
        while (create.requestId != null && System.nanoTime() < deadline) {
            Reply outcome = client.get("/requests/" + create.requestId, userToken, stats);
            if (outcome.status() == 200 && "succeeded".equals(outcome.text("/status"))) {
                return outcome.text("/resourceId");
            }
            if (outcome.status() == 200 && "rejected".equals(outcome.text("/status"))) {
                return null;
            }
            pause(Duration.ofMillis(500));
        }
        return null;
    }

    /** GET /releases/{id} until its status passes the test, bounded by the retry budget; null if it never does. */
    private Reply awaitRelease(String releaseId, Predicate<String> status) {
        long deadline = System.nanoTime() + options.retryBudget().toNanos();
        while (System.nanoTime() < deadline) {
            Reply reply = client.get("/releases/" + releaseId, userToken, stats);
            if (reply.status() == 200 && reply.text("/data/status") != null
                    && status.test(reply.text("/data/status"))) {
                return reply;
            }
            pause(Duration.ofMillis(500));
        }
        return null;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A mono 16-bit PCM WAV of silence. */
    private static byte[] silentWav(int sampleRate, int seconds) {
        int data = sampleRate * 2 * seconds;
        ByteBuffer wav = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(data);
        return wav.array();
    }
}
