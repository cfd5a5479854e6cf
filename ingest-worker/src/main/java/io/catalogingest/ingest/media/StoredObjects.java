package io.catalogingest.ingest.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;

/** The worker's view of uploaded objects: stat, ranged reads and deletion. S3 failures are transient (retried). */
@Component
public class StoredObjects {

    /** The user-metadata key under which the gateway's upload engine stores the SHA-256 (hex). */
    static final String SHA256_METADATA = "sha256";

    private final MinioClient client;

    StoredObjects(MinioClient client) {
        this.client = client;
    }

    /** Size, ETag and recorded SHA-256 (user metadata, may be null) of an object. */
    public record Stat(long size, String etag, String sha256) {
    }

    /** The object's size and SHA-256, or empty when it does not exist. */
    public Optional<Stat> stat(String bucket, String key) {
        try {
            StatObjectResponse response = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(new Stat(response.size(), response.etag(), response.userMetadata().get(SHA256_METADATA)));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw failure("stat", bucket, key, e);
        } catch (Exception e) {
            throw failure("stat", bucket, key, e);
        }
    }

    /** An ETag without the quotes RFC 7232 puts around it. */
    static String unquoted(String etag) {
        String trimmed = etag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** Removes an object; removing one that is gone is fine. */
    public void delete(String bucket, String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw failure("delete", bucket, key, e);
        }
    }

    /** The object as an {@link ObjectSource} of the given size; every read is its own (ranged) GET. */
    ObjectSource source(String bucket, String key, long size) {
        return new ObjectSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream range(long offset, long length) throws IOException {
                return get(GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length).build());
            }

            @Override
            public InputStream all() throws IOException {
                return get(GetObjectArgs.builder().bucket(bucket).object(key).build());
            }
        };
    }

    private InputStream get(GetObjectArgs args) throws IOException {
        try {
            return client.getObject(args);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not read " + args.bucket() + "/" + args.object(), e);
        }
    }

    private static UncheckedIOException failure(String what, String bucket, String key, Exception cause) {
        return new UncheckedIOException(new IOException("S3 " + what + " of " + bucket + "/" + key + " failed", cause));
    }
}
