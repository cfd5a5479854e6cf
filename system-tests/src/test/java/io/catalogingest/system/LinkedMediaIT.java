package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 2 end to end (docs/adr/0022): external media links ({@code isLink: true}) of a release and of a
 * track, served by an HTTP server on 127.0.0.1 that this test starts (the deployment's allow-private and allow-http
 * flags on, as only tests and laptops set them). A link is accepted and listed without being fetched; approval's
 * promotion streams it into the temporary bucket (bounded, type-checked, hashed) and copies it to catalog-media like an
 * upload — a file larger than the 8 MiB part size included —; an oversize, wrong-type, missing (404) or stalled link
 * fails the promotion with a reason. Every refusal of the gateway names its field: http and private targets (a second
 * gateway with the flags off), credentials, a bad scheme, a URL too long; another workspace gets 404, a user who does
 * not own the release 403, a submitted release 400, and a replay with the same Idempotency-Key the first answer.
 */
@CatalogInfrastructureTest
class LinkedMediaIT {

    private static final String TENANT = "links-ws";
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final long MAX_SIZE = 24L * 1024 * 1024;
    private static final long BIG = 20L * 1024 * 1024 + 12345;   // more than two 8 MiB parts
    private static final byte[] PDF = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static Pipeline pipeline;
    private static Pipeline strictGateway;
    private static Http http;
    private static Http strict;
    private static MinioClient s3;
    private static HttpServer server;
    private static ExecutorService serverThreads;
    private static String base;
    private static final CountDownLatch RELEASE_STALLED = new CountDownLatch(1);

    private final String owner = Tokens.user(TENANT);
    private final String admin = Tokens.admin(TENANT);

    @BeforeAll
    static void start(Infrastructure infrastructure) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/files/big.wav", exchange -> send(exchange, () -> wave(BIG), BIG, true));
        server.createContext("/files/small.wav", exchange -> send(exchange, () -> wave(4096), 4096, true));
        server.createContext("/files/booklet.pdf", exchange -> send(exchange,
                () -> new java.io.ByteArrayInputStream(PDF), PDF.length, true));
        server.createContext("/files/huge.wav", exchange -> send(exchange, () -> wave(MAX_SIZE + 1024 * 1024),
                MAX_SIZE + 1024 * 1024, false));
        server.createContext("/files/page.html", exchange -> {
            byte[] html = "<!DOCTYPE html><html><body>not audio</body></html>".getBytes(StandardCharsets.UTF_8);
            send(exchange, () -> new java.io.ByteArrayInputStream(html), html.length, true);
        });
        server.createContext("/files/slow.wav", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "audio/wav");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody(); InputStream in = wave(1024 * 1024)) {
                out.write(in.readNBytes(2048));
                out.flush();
                RELEASE_STALLED.await(2, TimeUnit.MINUTES); // then silence, longer than the read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the worker gave up and closed the connection: expected
            }
        });
        server.createContext("/files/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/";

        pipeline = Pipeline.start(infrastructure.isolate(), Map.of(
                "catalog.links.allow-private-targets", "true",
                "catalog.links.allow-http", "true",
                "catalog.links.max-size", "24MB",
                "catalog.links.read-timeout", "2s",
                "catalog.links.part-size", "8MB"));
        http = new Http(pipeline.gatewayUrl());
        // a second gateway on the same data, as a shared deployment runs it: https to public hosts only
        strictGateway = Pipeline.gatewayOnly(pipeline.isolation(), Map.of());
        strict = new Http(strictGateway.gatewayUrl());
        s3 = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
    }

    @AfterAll
    static void stop() {
        RELEASE_STALLED.countDown();
        if (strictGateway != null) {
            strictGateway.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    @Test
    void linksAreListedUnfetchedThenPromotionStreamsThemIntoTheMediaBucket() throws Exception {
        JsonNode release = create(owner, 1);
        String id = release.path("id").asString();
        String track = release.path("tracks").get(0).path("id").asString();

        Http.Answer trackLink = http.postJson("/releases/" + id + "/tracks/" + track + "/media/link", owner,
                Map.of("url", base + "big.wav", "name", "Master Take.wav", "type", "audio"));
        assertThat(trackLink.status()).as(trackLink.text()).isEqualTo(200);
        assertThat(trackLink.json().path("message").asString()).isEqualTo("Media uploaded successfully");
        JsonNode linked = trackLink.json().path("data");
        assertThat(linked.path("isLink").asBoolean()).isTrue();
        assertThat(linked.path("cloudUrl").asString()).isEqualTo(base + "big.wav");
        assertThat(linked.path("cloudId").asString()).endsWith("/tracks/" + track + "/file.wav");
        assertThat(linked.path("metadata").path("linkValidated").asBoolean()).isTrue();

        Http.Answer releaseLinks = http.postJson("/releases/" + id + "/media/links", owner,
                Map.of("links", List.of(Map.of("url", base + "booklet.pdf", "type", "document"))));
        assertThat(releaseLinks.status()).as(releaseLinks.text()).isEqualTo(200);
        JsonNode booklet = releaseLinks.json().path("data").get(0);
        assertThat(booklet.path("name").asString()).isEqualTo("booklet.pdf");
        assertThat(booklet.path("cloudId").asString()).endsWith("/release/booklet.pdf");

        // listed, and nothing was fetched: no object yet, no hash
        JsonNode media = http.get("/releases/" + id + "/media", owner).json().path("data");
        assertThat(media).hasSize(2);
        assertThat(media.valueStream().allMatch(file -> file.path("isLink").asBoolean())).isTrue();
        assertThat(media.valueStream().map(file -> file.path("status").asString())).containsOnly("registered");
        assertThat(rows(id)).allSatisfy(row -> assertThat(row.get("sha256")).isNull());

        approve(id);
        await().atMost(WITHIN).untilAsserted(() -> assertThat(read(id).path("status").asString())
                .as(read(id).toString()).isEqualTo("completed"));

        String bigKey = linked.path("cloudId").asString();
        String bigSha = sha256(wave(BIG));
        StatObjectResponse stored = s3.statObject(StatObjectArgs.builder()
                .bucket(pipeline.isolation().mediaBucket()).object(bigKey).build());
        assertThat(stored.size()).isEqualTo(BIG);
        assertThat(stored.userMetadata().get("sha256")).isEqualTo(bigSha);
        assertThat(sha256(s3.getObject(io.minio.GetObjectArgs.builder()
                .bucket(pipeline.isolation().mediaBucket()).object(bigKey).build()))).isEqualTo(bigSha);
        StatObjectResponse pdf = s3.statObject(StatObjectArgs.builder()
                .bucket(pipeline.isolation().mediaBucket()).object(booklet.path("cloudId").asString()).build());
        assertThat(pdf.userMetadata().get("sha256")).isEqualTo(sha256(new java.io.ByteArrayInputStream(PDF)));

        JsonNode promoted = http.get("/releases/" + id + "/media", owner).json().path("data");
        JsonNode audio = promoted.valueStream().filter(file -> file.path("cloudId").asString().equals(bigKey))
                .findFirst().orElseThrow();
        assertThat(audio.path("status").asString()).isEqualTo("promoted");
        assertThat(audio.path("isLink").asBoolean()).isTrue();
        assertThat(audio.path("type").asString()).isEqualTo("audio");
        assertThat(audio.path("metadata").path("sha256").asString()).isEqualTo(bigSha);
        assertThat(audio.path("metadata").path("fileSize").asLong()).isEqualTo(BIG);
        assertThat(audio.path("cloudUrl").asString()).doesNotStartWith(base).contains(bigKey.replace(" ", "%20")
                .substring(0, 10));
    }

    @Test
    void aLinkThatCannotDeliverAnAcceptableFileFailsThePromotionWithAReason() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("huge.wav", "more than the " + MAX_SIZE + " bytes");
        expected.put("page.html", "audio or video");
        expected.put("gone.wav", "HTTP 404");
        expected.put("slow.wav", "timed out");
        Map<String, String> releases = new LinkedHashMap<>();
        expected.keySet().forEach(file -> {
            JsonNode release = create(owner, 1);
            String id = release.path("id").asString();
            String track = release.path("tracks").get(0).path("id").asString();
            Http.Answer linked = http.postJson("/releases/" + id + "/tracks/" + track + "/media/link", owner,
                    Map.of("url", base + file));
            assertThat(linked.status()).as(linked.text()).isEqualTo(200);
            approve(id);
            releases.put(file, id);
        });
        releases.forEach((file, id) -> await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode release = read(id);
            assertThat(release.path("status").asString()).isEqualTo("approved");
            assertThat(release.path("autoCreationStatus").asString()).as(file).isEqualTo("failed");
            assertThat(release.path("autoCreationError").asString()).as(file).contains(expected.get(file));
        }));
        // nothing reached the media bucket, and the links are still links, not promoted
        releases.values().forEach(id -> assertThat(rows(id)).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("registered");
            assertThat(row.get("link_url")).isNotNull();
        }));
    }

    @Test
    void everyRefusedLinkNamesItsField() {
        JsonNode release = create(owner, 1);
        String id = release.path("id").asString();
        String trackPath = "/releases/" + id + "/tracks/" + release.path("tracks").get(0).path("id").asString()
                + "/media/link";
        String links = "/releases/" + id + "/media/links";

        assertRefused(http.postJson(trackPath, owner, Map.of("url", "ftp://files.example.com/a.wav")), "url",
                "http or https");
        assertRefused(http.postJson(trackPath, owner, Map.of("url", "javascript:alert(1)")), "url", "http or https");
        assertRefused(http.postJson(trackPath, owner, Map.of("url", "https://user:secret@files.example.com/a.wav")),
                "url", "credentials");
        assertRefused(http.postJson(trackPath, owner, Map.of("url", "https://files.example.com/" + "a".repeat(2100))),
                "url", "at most 2048");
        assertRefused(http.postJson(trackPath, owner, Map.of("url", "not a url")), "url", "");
        assertRefused(http.postJson(trackPath, owner, Map.of("name", "x.wav")), "url", "required");
        assertRefused(http.postJson(trackPath, owner, Map.of("url", base + "small.wav", "type", "image")), "type",
                "audio, video");
        assertRefused(http.postJson(links, owner, Map.of("links", List.of(Map.of("url", base + "a.pdf"),
                Map.of("url", "https://u@files.example.com/b.pdf")))), "links[1].url", "credentials");
        assertRefused(http.postJson(links, owner, Map.of("links", List.of())), "links", "non-empty");
        assertRefused(http.postJson(links, owner, Map.of("links", List.of(Map.of("url", base + "a.pdf",
                "size", 3)))), "links[0].size", "not a field");
        assertRefused(http.postJson(links, owner, Map.of("links", List.of(Map.of("url", base + "a.pdf"),
                Map.of("url", base + "other/a.pdf")))), "links[1].name", "differ");
        assertThat(http.postJson(links, owner, "[1]").status()).isEqualTo(400);

        // a deployment without the flags: https only, public hosts only
        assertRefused(strict.postJson(trackPath, owner, Map.of("url", "http://files.example.com/a.wav")), "url",
                "https");
        for (String host : List.of("127.0.0.1", "localhost", "10.1.2.3", "192.168.1.10", "169.254.169.254",
                "[::1]", "100.64.0.1")) {
            assertRefused(strict.postJson(trackPath, owner, Map.of("url", "https://" + host + "/a.wav")), "url",
                    "private, loopback, link-local");
        }
        assertRefused(strict.postJson(links, owner, Map.of("links", List.of(Map.of("url", "https://127.0.0.1:"
                + server.getAddress().getPort() + "/files/small.wav")))), "links[0].url", "private");
        assertThat(rows(id)).isEmpty();
    }

    @Test
    void onlyTheOwnerOrAnAdminOfTheWorkspaceAddsLinksWhileTheReleaseIsOpen() {
        JsonNode release = create(owner, 1);
        String id = release.path("id").asString();
        String track = release.path("tracks").get(0).path("id").asString();
        String trackPath = "/releases/" + id + "/tracks/" + track + "/media/link";
        Map<String, String> link = Map.of("url", base + "small.wav");

        assertThat(http.postJson(trackPath, Tokens.user("links-other-ws"), link).status()).isEqualTo(404);
        assertThat(http.postJson("/releases/" + id + "/media/links", Tokens.admin("links-other-ws"),
                Map.of("links", List.of(link))).status()).isEqualTo(404);
        assertThat(http.postJson(trackPath, Tokens.user(TENANT, "not-the-owner"), link).status()).isEqualTo(403);
        assertThat(http.postJson("/releases/" + id + "/tracks/" + java.util.UUID.randomUUID() + "/media/link", owner,
                link).status()).isEqualTo(404);
        assertThat(rows(id)).isEmpty();

        Http.Answer byAdmin = http.postJson(trackPath, admin, link);
        assertThat(byAdmin.status()).as(byAdmin.text()).isEqualTo(200);

        // a replay with the same key answers the first outcome; the link is registered once
        Http.Answer first = http.postJson(trackPath, owner, Map.of("url", base + "small.wav", "name", "take2.wav"),
                "Idempotency-Key", "link-" + id);
        Http.Answer replay = http.postJson(trackPath, owner, Map.of("url", base + "small.wav", "name", "take2.wav"),
                "Idempotency-Key", "link-" + id);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.header("X-Request-Id")).isEqualTo(first.header("X-Request-Id"));
        assertThat(replay.json().path("data").path("id").asString())
                .isEqualTo(first.json().path("data").path("id").asString());
        assertThat(rows(id)).hasSize(1); // one file per track: the second link replaced the admin's

        assertThat(http.postJson("/releases/" + id + "/submit", owner, Map.of()).status()).isEqualTo(200);
        Http.Answer closed = http.postJson(trackPath, owner, link);
        assertThat(closed.status()).as(closed.text()).isEqualTo(400);
        assertThat(closed.json().path("message").asString()).contains("'submitted'");
    }

    private static void assertRefused(Http.Answer answer, String field, String message) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().path("status").asString()).isEqualTo("error");
        assertThat(answer.json().path("errors").valueStream()
                .filter(error -> field.equals(error.path("field").asString()))
                .map(error -> error.path("message").asString()))
                .as(answer.text()).anySatisfy(text -> assertThat(text).contains(message));
    }

    private JsonNode create(String token, int tracks) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (int i = 1; i <= tracks; i++) {
            list.add(Map.of("title", "Linked " + i));
        }
        Http.Answer created = http.postJson("/releases", token, Map.of("title", "Linked Media",
                "displayArtist", "The Linkers", "artists", Map.of("The Linkers", "primary"), "type", "Audio",
                "tracks", list));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("data");
    }

    private void approve(String id) {
        Http.Answer submitted = http.postJson("/releases/" + id + "/submit", owner, Map.of());
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
        Http.Answer approved = http.postJson("/releases/" + id + "/review", admin, Map.of("action", "approve"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    }

    private JsonNode read(String id) {
        return http.get("/releases/" + id, owner).json().path("data");
    }

    /** The media rows of a release: status, sha256, size, link_url. */
    private static List<Map<String, Object>> rows(String releaseId) {
        DataSource data = pipeline.isolation().dataSource();
        try (Connection connection = data.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select status, sha256, size, link_url from media where release_id = ?::uuid")) {
            query.setString(1, releaseId);
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("status", result.getString("status"));
                    row.put("sha256", result.getString("sha256"));
                    row.put("size", result.getLong("size"));
                    row.put("link_url", result.getString("link_url"));
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves a generated body: with its length, or chunked (no length, so only the bytes tell its size). */
    private static void send(HttpExchange exchange, Supplier<InputStream> body, long length, boolean withLength)
            throws IOException {
        exchange.sendResponseHeaders(200, withLength ? length : 0);
        try (OutputStream out = exchange.getResponseBody(); InputStream in = body.get()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the worker stopped reading (too large): expected
        }
    }

    /** A WAV file of {@code length} bytes: a RIFF/WAVE header, then deterministic samples, generated as it is read. */
    private static InputStream wave(long length) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (length - 8))
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 2).putInt(44100).putInt(44100 * 4)
                .putShort((short) 4).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) (length - 44));
        byte[] head = header.array();
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= length) {
                    return -1;
                }
                long at = position++;
                return at < head.length ? head[(int) at] & 0xff : (int) ((at * 2654435761L) >>> 13) & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(count, length - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) read();
                }
                return n;
            }
        };
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream stream = in) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
