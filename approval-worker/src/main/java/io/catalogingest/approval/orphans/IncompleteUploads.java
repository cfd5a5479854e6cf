package io.catalogingest.approval.orphans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.catalogingest.support.storage.StorageProperties;
import io.minio.MinioAsyncClient;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.ListMultipartUploadsResult;
import io.minio.messages.Upload;

/**
 * The multipart uploads of a bucket that were started and never completed or aborted — a gateway that died, or lost
 * S3, in the middle of a streamed upload. Their parts take space and no object lists them. minio-java's blocking
 * client keeps ListMultipartUploads and AbortMultipartUpload protected; its asynchronous client offers both, so this
 * uses one of those, built from the same settings.
 */
@Component
class IncompleteUploads {

    private static final long TIMEOUT_SECONDS = 60;

    private final MinioAsyncClient s3;

    IncompleteUploads(StorageProperties storage) {
        this.s3 = MinioAsyncClient.builder().endpoint(storage.endpoint()).region(storage.region())
                .credentials(storage.accessKey(), storage.secretKey()).build();
    }

    /** An upload that was started and not finished: its key, id and when it was initiated (null if unknown). */
    record Incomplete(String key, String uploadId, Instant initiated) {
    }

    /** Every incomplete multipart upload of the bucket, page after page. */
    List<Incomplete> list(String bucket) throws Exception {
        List<Incomplete> all = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            String marker = keyMarker;
            String idMarker = uploadIdMarker;
            ListMultipartUploadsResult page = call(() -> s3.listMultipartUploadsAsync(bucket, null, null, null,
                    marker, 1000, null, idMarker, null, null).get(TIMEOUT_SECONDS,
                    TimeUnit.SECONDS).result());
            for (Upload upload : page.uploads()) {
                all.add(new Incomplete(upload.objectName(), upload.uploadId(),
                        upload.initiated() == null ? null : upload.initiated().toInstant()));
            }
            if (!page.isTruncated() || page.nextKeyMarker() == null) {
                return all;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
    }

    /** Aborts one; one that is already gone (completed or aborted meanwhile) counts as done. */
    void abort(String bucket, Incomplete upload) throws Exception {
        try {
            call(() -> s3.abortMultipartUploadAsync(bucket, null, upload.key(), upload.uploadId(), null, null)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ErrorResponseException e) {
            if (!"NoSuchUpload".equals(e.errorResponse().code())) {
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    /** Unwraps the asynchronous client's failures into the exception S3 answered with. */
    private static <T> T call(Call<T> call) throws Exception {
        try {
            return call.call();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
