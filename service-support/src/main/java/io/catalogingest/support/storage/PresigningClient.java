package io.catalogingest.support.storage;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;

/** Signs GET URLs for the endpoint that clients reach; signing is local, no call to the S3 server. */
public class PresigningClient {

    private final MinioClient client;
    private final Duration expiry;

    PresigningClient(MinioClient client, Duration expiry) {
        this.client = client;
        this.expiry = expiry;
    }

    public String getUrl(String bucket, String key) {
        try {
            return client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET)
                    .bucket(bucket).object(key).expiry((int) expiry.toSeconds(), TimeUnit.SECONDS).build());
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a URL for " + bucket + "/" + key, e);
        }
    }
}
