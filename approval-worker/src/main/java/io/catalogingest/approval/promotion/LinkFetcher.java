package io.catalogingest.approval.promotion;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import io.catalogingest.common.release.MediaKind;
import io.catalogingest.support.net.LinkConfiguration;
import io.catalogingest.support.net.LinkProperties;
import io.catalogingest.support.net.LinkTargets;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches an external media link into the temporary bucket, so that promotion can copy it like an upload
 * (docs/adr/0022). The URL is checked again ({@link LinkTargets}); the HTTP client resolves hosts only through
 * {@link LinkTargets#dns()}, which refuses non-public addresses and hands the client the addresses it checked (no DNS
 * rebinding between check and connect), connects through {@link LinkTargets#socketFactory()}, which checks every
 * address again as the socket connects (IP literals and redirects to them never meet the resolver), uses no proxy, and follows redirects only on the same scheme (every
 * redirect's host is checked the same way). The body is streamed — never held whole — into a multipart upload at the
 * link's upload key, hashed (SHA-256) and counted on the way, and cut off past {@code catalog.links.max-size}; its
 * first bytes decide its type (magic numbers, as for an upload), which must be one the media may have.
 *
 * <p>A link that cannot deliver an acceptable file (refused target, unreachable, an HTTP error, a timeout, too large,
 * empty, the wrong type) is a {@link PromotionFailedException}: the release's auto-creation fails with that reason,
 * and an admin may retry it. Only a failure of the object store is transient.
 */
@Component
@Import(LinkConfiguration.class)
class LinkFetcher {

    private static final Logger log = LoggerFactory.getLogger(LinkFetcher.class);
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final Set<String> DOCUMENTS = Set.of("application/pdf", "text/plain");

    private final MinioClient minio;
    private final LinkTargets targets;
    private final LinkProperties properties;
    private final OkHttpClient client;
    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();

    LinkFetcher(MinioClient minio, LinkTargets targets, LinkProperties properties) {
        this.minio = minio;
        this.targets = targets;
        this.properties = properties;
        this.client = new OkHttpClient.Builder()
                .dns(targets.dns())
                .socketFactory(targets.socketFactory())
                .proxy(Proxy.NO_PROXY)
                .followRedirects(true)
                .followSslRedirects(false)
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .callTimeout(properties.callTimeout())
                .build();
    }

    /** What the link delivered, as stored at the upload key. */
    record Fetched(long size, String sha256, String etag, String mimeType, MediaKind kind) {
    }

    /**
     * Streams the link of {@code file} into {@code bucket} at its upload key.
     *
     * @throws PromotionFailedException when the link does not deliver an acceptable file
     * @throws MediaObjects.StorageException when the object store fails (transient: retried)
     */
    Fetched fetch(PromotionDao.PendingFile file, String bucket) {
        String what = "the link of media " + file.mediaId();
        targets.refusal(file.linkUrl()).ifPresent(refusal -> {
            throw new PromotionFailedException(what + " is refused: it " + refusal.message());
        });
        long started = System.nanoTime();
        Request request = new Request.Builder().url(file.linkUrl()).get().build();
        try (Response response = execute(request, what)) {
            if (!response.isSuccessful()) {
                throw new PromotionFailedException(what + " answered HTTP " + response.code());
            }
            ResponseBody body = response.body();
            long limit = properties.maxSize().toBytes();
            if (body.contentLength() > limit) {
                throw new PromotionFailedException(what + " declares " + body.contentLength()
                        + " bytes, more than the " + limit + " a link may deliver");
            }
            LinkStream stream = new LinkStream(body.byteStream(), limit, what);
            byte[] prefix = stream.prefix(SNIFF_BYTES);
            if (prefix.length == 0) {
                throw new PromotionFailedException(what + " delivered an empty file");
            }
            String mimeType = detect(prefix);
            MediaKind kind = MediaKind.ofMimeType(mimeType);
            refusal(file, mimeType, kind).ifPresent(refusal -> {
                throw new PromotionFailedException(what + " is refused: " + refusal);
            });
            ObjectWriteResponse written;
            try {
                written = minio.putObject(PutObjectArgs.builder().bucket(bucket).object(file.uploadKey())
                        .stream(new SequenceInputStream(new ByteArrayInputStream(prefix), stream), -1,
                                properties.partSize().toBytes())
                        .contentType(mimeType).build());
            } catch (Exception e) {
                if (stream.failure != null) {
                    throw new PromotionFailedException(stream.failure);
                }
                throw new MediaObjects.StorageException("could not store " + what + " at " + bucket + "/" + file.uploadKey(), e);
            }
            if (stream.failure != null) {
                throw new PromotionFailedException(stream.failure);
            }
            Fetched fetched = new Fetched(stream.count, HexFormat.of().formatHex(stream.digest.digest()),
                    MediaObjects.unquoted(written.etag()), mimeType, kind);
            log.info("Fetched the link of media {} of release {} into {} ({} bytes, {}) in {} ms", file.mediaId(),
                    file.releaseId(), file.uploadKey(), fetched.size(), mimeType,
                    (System.nanoTime() - started) / 1_000_000);
            return fetched;
        } catch (IOException e) {
            throw new PromotionFailedException(what + " could not be read: " + describe(e));
        }
    }

    private Response execute(Request request, String what) {
        try {
            return client.newCall(request).execute();
        } catch (LinkTargets.RefusedTargetException e) {
            throw new PromotionFailedException(what + " is refused: its host " + e.getMessage());
        } catch (UnknownHostException e) {
            throw new PromotionFailedException(what + " names a host that does not resolve");
        } catch (IOException e) {
            throw new PromotionFailedException(what + " could not be fetched: " + describe(e));
        }
    }

    /** Why bytes of this type are not what the link's media may be (as for an upload), if they are not. */
    private static Optional<String> refusal(PromotionDao.PendingFile file, String mimeType, MediaKind kind) {
        boolean audiovisual = kind == MediaKind.AUDIO || kind == MediaKind.VIDEO;
        if (file.trackId() != null && !audiovisual) {
            return Optional.of("a track's link must deliver audio or video; its bytes are " + mimeType);
        }
        boolean accepted = switch (kind) {
            case AUDIO, VIDEO -> true;
            case IMAGE -> !mimeType.equals("image/svg+xml");
            case DOCUMENT -> DOCUMENTS.contains(mimeType);
        };
        if (!accepted) {
            return Optional.of("files of type " + mimeType + " are not accepted (audio, video, images, PDF and "
                    + "plain text are)");
        }
        MediaKind declared = file.type() == null ? null : MediaKind.fromJsonName(file.type());
        boolean declaredAudiovisual = declared == MediaKind.AUDIO || declared == MediaKind.VIDEO;
        if (declared != null && declared != kind && !(audiovisual && declaredAudiovisual)) {
            return Optional.of("it was declared " + declared.jsonName() + " but its bytes are " + mimeType);
        }
        return Optional.empty();
    }

    private String detect(byte[] prefix) {
        try {
            return mimeTypes.detect(new ByteArrayInputStream(prefix), new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            throw new IllegalStateException("could not read bytes in memory", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof InterruptedIOException) {
            return "it timed out (" + e.getMessage() + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * The link's body as it streams: counted, hashed, cut off past the limit. A failure of the link (a timeout, a
     * reset, too many bytes) is remembered, so that it is told apart from a failure of the object store that reads it.
     */
    private static final class LinkStream extends FilterInputStream {

        private final long limit;
        private final String what;
        private final MessageDigest digest;
        private long count;
        private volatile String failure;

        LinkStream(InputStream in, long limit, String what) {
            super(in);
            this.limit = limit;
            this.what = what;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The first bytes, at most {@code max}, read (and hashed, counted) before the rest. */
        byte[] prefix(int max) throws IOException {
            byte[] prefix = new byte[max];
            int read = 0;
            while (read < max) {
                int n = read(prefix, read, max - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return Arrays.copyOf(prefix, read);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = what + " could not be read: " + describe(e);
                throw e;
            }
            if (n > 0) {
                digest.update(buffer, offset, n);
                count += n;
                if (count > limit) {
                    failure = what + " delivered more than the " + limit + " bytes a link may";
                    throw new IOException(failure);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("a link's body is read in full, not skipped");
        }
    }
}
