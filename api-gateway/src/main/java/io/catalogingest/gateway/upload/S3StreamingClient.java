package io.catalogingest.gateway.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few S3 calls a streamed upload needs, with SigV4 header signing and {@code UNSIGNED-PAYLOAD}: the bytes of a
 * part are written straight from our buffer to the socket (no second digest, no chunk signing, no extra copy).
 * Bodies go over blocking HttpURLConnection on a small pool of part-sender threads; the small control calls over
 * the JDK HttpClient. Path-style addressing ({@code endpoint/bucket/key}), as the MinIO client uses for non-AWS
 * endpoints. Works against S3, MinIO and S3Proxy.
 */
final class S3StreamingClient implements AutoCloseable {

    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");
    private static final Pattern ETAG = Pattern.compile("<ETag>([^<]+)</ETag>");
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    private static final Pattern UPLOAD = Pattern.compile(
            "<Upload>.*?<Key>([^<]*)</Key>.*?<UploadId>([^<]*)</UploadId>.*?</Upload>", Pattern.DOTALL);

    /** Bytes written between two progress marks of a PUT. */
    private static final int WRITE_CHUNK = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    /** The payload hash of an aws-chunked body whose chunks are not signed, with trailing headers. */
    static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    /** Data bytes per aws-chunked chunk (S3 wants at least 8 KiB, S3Proxy at most 16 MiB by default). */
    static final int STREAM_CHUNK = 256 * 1024;
    /** {@code x-amz-checksum-sha256:<44 base64 characters>CRLF}. */
    private static final int CHECKSUM_TRAILER_LENGTH = "x-amz-checksum-sha256:".length() + 44 + 2;
    /** Closes the connections of PUTs that stopped making progress. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "s3-stall-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient http;
    private final URI endpoint;
    private final String basePath;
    private final String host;
    private final SigV4Signer signer;
    private final Duration timeout;
    private final Duration stallTimeout;
    private final Clock clock;
    private final Executor partSenders;

    /**
     * @param timeout      longest CompleteMultipartUpload (the server assembles the object before it answers)
     * @param stallTimeout longest any other call may go without progress — a connection that takes no bytes, or a
     *                     server that does not answer; then the call fails and the connection is closed
     */
    S3StreamingClient(HttpClient http, URI endpoint, SigV4Signer signer, Duration timeout, Duration stallTimeout,
                      Clock clock, Executor partSenders) {
        this.http = http;
        this.partSenders = partSenders;
        this.endpoint = endpoint;
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        boolean defaultPort = endpoint.getPort() == -1
                || ("http".equalsIgnoreCase(endpoint.getScheme()) && endpoint.getPort() == 80)
                || ("https".equalsIgnoreCase(endpoint.getScheme()) && endpoint.getPort() == 443);
        this.host = defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        this.signer = signer;
        this.timeout = timeout;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
    }

    /** Stops the part senders (when the application stops). */
    @Override
    public void close() {
        if (partSenders instanceof ExecutorService service) {
            service.shutdown();
        }
    }

    /** One PUT of {@code data[0, length)}; returns the ETag. */
    String putObject(String bucket, String key, byte[] data, int length, String contentType,
                     Map<String, String> metadata) throws IOException {
        SignedRequest request = signed("PUT", bucket, key, Map.of(), objectHeaders(contentType, metadata),
                SigV4Signer.UNSIGNED_PAYLOAD);
        try {
            return putBlocking(request, data, length, "PutObject", bucket, key);
        } catch (IOException e) {
            throw S3Exception.of(e, endpoint);
        }
    }

    String createMultipartUpload(String bucket, String key, String contentType, Map<String, String> metadata)
            throws IOException {
        HttpResponse<String> response = send(request("POST", bucket, key, Map.of("uploads", ""),
                objectHeaders(contentType, metadata), SigV4Signer.UNSIGNED_PAYLOAD)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        String body = check(response, "CreateMultipartUpload", bucket, key).body();
        Matcher matcher = UPLOAD_ID.matcher(body);
        if (!matcher.find()) {
            throw new S3Exception(response.statusCode(), "NoUploadId", "CreateMultipartUpload answered without an UploadId");
        }
        return unescape(matcher.group(1));
    }

    /**
     * Sends one part on a part-sender thread; the future gives its ETag. {@code data} must stay untouched until it
     * completes. Parts go over blocking HttpURLConnection with a fixed-length body: under backpressure from a slow
     * S3 server that costs a third of the CPU of the HttpClient's selector machinery (docs/benchmarks/uploads.md).
     */
    CompletableFuture<String> uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] data,
                                         int length) {
        Map<String, String> query = Map.of("partNumber", Integer.toString(partNumber), "uploadId", uploadId);
        SignedRequest request = signed("PUT", bucket, key, query, Map.of(), SigV4Signer.UNSIGNED_PAYLOAD);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return putBlocking(request, data, length, "UploadPart " + partNumber, bucket, key);
            } catch (IOException e) {
                throw new CompletionException(S3Exception.of(e, endpoint));
            }
        }, partSenders);
    }

    /**
     * A PUT over HttpURLConnection, bounded by {@code stallTimeout}: a read (the answer) times out by itself; a write
     * into a server that stopped reading blocks in the socket, so a watchdog closes the connection once no bytes have
     * moved for that long.
     */
    private String putBlocking(SignedRequest request, byte[] data, int length, String operation, String bucket,
                               String key) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        AtomicLong progress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long check = Math.max(50, stallTimeout.toMillis() / 4);
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - progress.get() > stallTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                connection.disconnect();
            }
        }, check, check, TimeUnit.MILLISECONDS);
        try {
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(length);
            connection.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, stallTimeout.toMillis()));
            connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, stallTimeout.toMillis()));
            connection.setRequestProperty("Content-Type", "application/octet-stream");
            request.headers().forEach(connection::setRequestProperty);
            try (OutputStream out = connection.getOutputStream()) {
                for (int offset = 0; offset < length; offset += WRITE_CHUNK) {
                    out.write(data, offset, Math.min(WRITE_CHUNK, length - offset));
                    progress.set(System.nanoTime());
                }
            }
            progress.set(System.nanoTime());
            return answer(connection, operation, bucket, key);
        } catch (IOException e) {
            connection.disconnect();
            if (stalled.get()) {
                throw new S3Exception(operation + " " + bucket + "/" + key + ": S3 at " + endpoint
                        + " made no progress for " + stallTimeout, e);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    /**
     * Starts one PUT of an object whose length is known but whose bytes are still arriving: they are written as
     * they come ({@link StreamedPut#write}), and the PUT is completed by {@link StreamedPut#finish} or cut short by
     * {@link StreamedPut#abort}. The body is {@code aws-chunked} with an unsigned payload
     * ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}) and the declared {@code x-amz-decoded-content-length}: an S3
     * server that gets fewer bytes than declared stores nothing ({@code IncompleteBody}) — S3Proxy too, which keeps
     * whatever a plain PUT cut short had delivered. The last chunk is held back until {@code finish}, so an aborted
     * PUT never delivers its last byte. The trailer carries the SHA-256 ({@code x-amz-checksum-sha256}), which S3
     * and MinIO check.
     */
    StreamedPut startPut(String bucket, String key, long length, String contentType, Map<String, String> metadata)
            throws S3Exception {
        Map<String, String> headers = objectHeaders(contentType, metadata);
        headers.put("Content-Encoding", "aws-chunked");
        headers.put("x-amz-decoded-content-length", Long.toString(length));
        headers.put("x-amz-trailer", "x-amz-checksum-sha256");
        SignedRequest request = signed("PUT", bucket, key, Map.of(), headers, STREAMING_UNSIGNED_TRAILER);
        return new StreamedPut(request, length, bucket, key);
    }

    /** The aws-chunked body's length: the chunks of {@code length} data bytes, the final empty chunk and trailer. */
    static long chunkedLength(long length) {
        long full = length / STREAM_CHUNK;
        int rest = (int) (length % STREAM_CHUNK);
        long total = full * (Integer.toHexString(STREAM_CHUNK).length() + 2 + STREAM_CHUNK + 2);
        if (rest > 0) {
            total += Integer.toHexString(rest).length() + 2 + rest + 2;
        }
        return total + "0\r\n".length() + CHECKSUM_TRAILER_LENGTH + 2;
    }

    /** One streamed PUT in progress; used by one thread. */
    final class StreamedPut {

        private final String bucket;
        private final String key;
        private final long length;
        private final HttpURLConnection connection;
        private final byte[] chunk = new byte[STREAM_CHUNK];
        private final AtomicLong writingSince = new AtomicLong();
        private final AtomicBoolean stalled = new AtomicBoolean();
        private final ScheduledFuture<?> watchdog;
        private OutputStream out;
        private int chunkLength;
        private long taken;
        private boolean closed;

        private StreamedPut(SignedRequest request, long length, String bucket, String key) throws S3Exception {
            this.bucket = bucket;
            this.key = key;
            this.length = length;
            try {
                connection = (HttpURLConnection) request.uri().toURL().openConnection();
                connection.setRequestMethod("PUT");
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(chunkedLength(length));
                connection.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, stallTimeout.toMillis()));
                connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, stallTimeout.toMillis()));
                if (!request.headers().containsKey("Content-Type")) {
                    connection.setRequestProperty("Content-Type", "application/octet-stream");
                }
                request.headers().forEach(connection::setRequestProperty);
            } catch (IOException e) {
                throw S3Exception.of(e, endpoint);
            }
            // Only a write that does not return counts as a stall: between writes we wait for the client, not S3.
            long check = Math.max(50, stallTimeout.toMillis() / 4);
            watchdog = WATCHDOG.scheduleWithFixedDelay(() -> {
                long since = writingSince.get();
                if (since != 0 && System.nanoTime() - since > stallTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                    connection.disconnect();
                }
            }, check, check, TimeUnit.MILLISECONDS);
        }

        /** Takes the next bytes of the object; sends every full chunk but the last one. */
        void write(byte[] data, int offset, int count) throws S3Exception {
            if (taken + count > length) {
                throw new IllegalStateException("more bytes than the declared " + length);
            }
            taken += count;
            while (count > 0) {
                if (chunkLength == chunk.length) {
                    sendChunk();
                }
                int n = Math.min(count, chunk.length - chunkLength);
                System.arraycopy(data, offset, chunk, chunkLength, n);
                chunkLength += n;
                offset += n;
                count -= n;
            }
        }

        /** Sends the last chunk and the trailer with the object's SHA-256, and waits for the answer (its ETag). */
        String finish(byte[] sha256) throws S3Exception {
            if (taken != length) {
                throw new IllegalStateException(taken + " bytes taken, " + length + " declared");
            }
            try {
                if (chunkLength > 0) {
                    sendChunk();
                }
                writeRaw(("0\r\nx-amz-checksum-sha256:" + Base64.getEncoder().encodeToString(sha256)
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                output().close();
                return answer(connection, "PutObject", bucket, key);
            } catch (IOException e) {
                throw failure(e);
            } finally {
                close();
            }
        }

        /** Closes the connection before the last chunk: the server never gets the declared length. */
        void abort() {
            if (!closed) {
                connection.disconnect();
                close();
            }
        }

        private void sendChunk() throws S3Exception {
            try {
                writeRaw((Integer.toHexString(chunkLength) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int offset = 0; offset < chunkLength; offset += WRITE_CHUNK) {
                    writeRaw(chunk, offset, Math.min(WRITE_CHUNK, chunkLength - offset));
                }
                writeRaw(CRLF);
                chunkLength = 0;
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private void writeRaw(byte[] bytes) throws IOException {
            writeRaw(bytes, 0, bytes.length);
        }

        private void writeRaw(byte[] bytes, int offset, int count) throws IOException {
            writingSince.set(System.nanoTime());
            try {
                output().write(bytes, offset, count);
            } finally {
                writingSince.set(0);
            }
        }

        private OutputStream output() throws IOException {
            if (out == null) {
                writingSince.set(System.nanoTime()); // connecting counts as writing
                out = connection.getOutputStream();
            }
            return out;
        }

        private S3Exception failure(IOException e) {
            connection.disconnect();
            close();
            if (stalled.get()) {
                return new S3Exception("PutObject " + bucket + "/" + key + ": S3 at " + endpoint
                        + " made no progress for " + stallTimeout, e);
            }
            return S3Exception.of(e, endpoint);
        }

        private void close() {
            closed = true;
            watchdog.cancel(false);
        }
    }

    /** Reads a PUT's answer: its ETag, or the S3 error as an {@link S3Exception}. */
    private static String answer(HttpURLConnection connection, String operation, String bucket, String key)
            throws IOException {
        int status = connection.getResponseCode();
        String body;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (status / 100 != 2 || body.contains("<Error>")) {
            Matcher code = ERROR_CODE.matcher(body);
            Matcher message = ERROR_MESSAGE.matcher(body);
            throw new S3Exception(status, code.find() ? code.group(1) : "HTTP" + status, operation + " " + bucket
                    + "/" + key + " failed: " + (message.find() ? message.group(1) : body.strip()));
        }
        return stripQuotes(Objects.requireNonNullElse(connection.getHeaderField("ETag"), ""));
    }

    /** Completes the upload from the parts' ETags (part numbers 1..n); returns the object's ETag. */
    String completeMultipartUpload(String bucket, String key, String uploadId, List<String> etags) throws IOException {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(escape(etags.get(i)))
                    .append("</ETag></Part>");
        }
        xml.append("</CompleteMultipartUpload>");
        byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(request("POST", bucket, key, Map.of("uploadId", uploadId),
                Map.of("Content-Type", "application/xml"), sha256Hex(body)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        // S3 may answer 200 and report the failure in the body (it sends the status before the work is done).
        return etagElement(check(response, "CompleteMultipartUpload", bucket, key));
    }

    void abortMultipartUpload(String bucket, String key, String uploadId) throws IOException {
        HttpResponse<String> response = send(request("DELETE", bucket, key, Map.of("uploadId", uploadId), Map.of(),
                SigV4Signer.UNSIGNED_PAYLOAD).DELETE().build());
        if (response.statusCode() != 404) {
            check(response, "AbortMultipartUpload", bucket, key);
        }
    }

    /** Replaces an object's content type and user metadata (a copy onto itself); returns the new ETag. */
    String replaceMetadata(String bucket, String key, String contentType, Map<String, String> metadata)
            throws IOException {
        Map<String, String> headers = objectHeaders(contentType, metadata);
        headers.put("x-amz-copy-source", "/" + SigV4Signer.uriEncode(bucket, false) + "/" + SigV4Signer.uriEncode(key, true));
        headers.put("x-amz-metadata-directive", "REPLACE");
        HttpResponse<String> response = send(request("PUT", bucket, key, Map.of(), headers, SigV4Signer.UNSIGNED_PAYLOAD)
                .timeout(timeout).PUT(HttpRequest.BodyPublishers.noBody()).build());
        return etagElement(check(response, "CopyObject", bucket, key));
    }

    /** The object's user metadata ({@code x-amz-meta-*}, names lower-case without the prefix); empty when absent. */
    Optional<Map<String, String>> userMetadata(String bucket, String key) throws IOException {
        HttpResponse<String> response = send(request("HEAD", bucket, key, Map.of(), Map.of(),
                SigV4Signer.UNSIGNED_PAYLOAD).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        check(response, "HeadObject", bucket, key);
        Map<String, String> metadata = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("x-amz-meta-") && !values.isEmpty()) {
                metadata.put(lower.substring("x-amz-meta-".length()), values.get(0));
            }
        });
        return Optional.of(metadata);
    }

    void deleteObject(String bucket, String key) throws IOException {
        HttpResponse<String> response = send(request("DELETE", bucket, key, Map.of(), Map.of(),
                SigV4Signer.UNSIGNED_PAYLOAD).DELETE().build());
        if (response.statusCode() != 404) {
            check(response, "DeleteObject", bucket, key);
        }
    }

    /** Incomplete multipart uploads under a prefix, as key → upload id (first page: at most 1000). */
    Map<String, String> listMultipartUploads(String bucket, String prefix) throws IOException {
        Map<String, String> query = new TreeMap<>(Map.of("uploads", "", "prefix", prefix));
        HttpResponse<String> response = send(request("GET", bucket, "", query, Map.of(), SigV4Signer.UNSIGNED_PAYLOAD)
                .GET().build());
        Matcher matcher = UPLOAD.matcher(check(response, "ListMultipartUploads", bucket, prefix).body());
        Map<String, String> uploads = new LinkedHashMap<>();
        while (matcher.find()) {
            uploads.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
        }
        return uploads;
    }

    private HttpRequest.Builder request(String method, String bucket, String key, Map<String, String> query,
                                        Map<String, String> headers, String payloadHash) {
        SignedRequest signed = signed(method, bucket, key, query, headers, payloadHash);
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.uri()).timeout(stallTimeout);
        signed.headers().forEach(builder::header);
        return builder;
    }

    /** The URI and the headers (given ones plus the signature) of a request. */
    private SignedRequest signed(String method, String bucket, String key, Map<String, String> query,
                                 Map<String, String> headers, String payloadHash) {
        String path = basePath + "/" + SigV4Signer.uriEncode(bucket, false)
                + (key.isEmpty() ? "" : "/" + SigV4Signer.uriEncode(key, true));
        StringBuilder canonicalQuery = new StringBuilder();
        new TreeMap<>(query).forEach((name, value) -> {
            if (canonicalQuery.length() > 0) {
                canonicalQuery.append('&');
            }
            canonicalQuery.append(SigV4Signer.uriEncode(name, false)).append('=').append(SigV4Signer.uriEncode(value, false));
        });
        Map<String, String> toSign = new LinkedHashMap<>(headers);
        toSign.put("host", host);
        Map<String, String> auth = signer.sign(method, path, canonicalQuery.toString(), toSign, payloadHash, clock.instant());
        URI uri = URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + path
                + (canonicalQuery.length() == 0 ? "" : "?" + canonicalQuery));
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(auth);
        return new SignedRequest(uri, all);
    }

    private record SignedRequest(URI uri, Map<String, String> headers) {
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new S3Exception("interrupted while calling S3 at " + endpoint, e);
        } catch (ExecutionException e) {
            throw S3Exception.of(e.getCause(), endpoint);
        }
    }

    private static Map<String, String> objectHeaders(String contentType, Map<String, String> metadata) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        metadata.forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        return headers;
    }

    private static HttpResponse<String> check(HttpResponse<String> response, String operation, String bucket,
                                              String key) throws S3Exception {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() / 100 == 2 && !body.contains("<Error>")) {
            return response;
        }
        Matcher code = ERROR_CODE.matcher(body);
        Matcher message = ERROR_MESSAGE.matcher(body);
        throw new S3Exception(response.statusCode(), code.find() ? code.group(1) : "HTTP" + response.statusCode(),
                operation + " " + bucket + "/" + key + " failed: " + (message.find() ? message.group(1) : body.strip()));
    }

    private static String etagHeader(HttpResponse<String> response) {
        return stripQuotes(response.headers().firstValue("ETag").orElse(""));
    }

    private static String etagElement(HttpResponse<String> response) {
        Matcher matcher = ETAG.matcher(response.body());
        return matcher.find() ? stripQuotes(unescape(matcher.group(1))) : etagHeader(response);
    }

    private static String stripQuotes(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static String escape(String text) {
        return "\"" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "\"";
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#34;", "\"").replace("&amp;", "&");
    }

    private static String sha256Hex(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An S3 error answer, or a failure to reach S3 (status 0). */
    static final class S3Exception extends IOException {

        private final int status;
        private final String code;

        S3Exception(int status, String code, String message) {
            super(message + " (HTTP " + status + ", " + code + ")");
            this.status = status;
            this.code = code;
        }

        S3Exception(String message, Throwable cause) {
            super(message, cause);
            this.status = 0;
            this.code = "IO";
        }

        static S3Exception of(Throwable failure, URI endpoint) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return cause instanceof S3Exception s3 ? s3
                    : new S3Exception("S3 call to " + endpoint + " failed: " + cause, cause);
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }
}
