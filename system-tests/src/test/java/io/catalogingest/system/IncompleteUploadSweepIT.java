package io.catalogingest.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.orphans.OrphanSweeper;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.minio.MinioAsyncClient;
import io.minio.messages.Upload;

/**
 * Multipart uploads of the temporary bucket that were started and never completed (a gateway that died mid-upload)
 * are aborted by the orphan sweep once older than {@code catalog.orphans.incomplete-upload-min-age}; younger ones,
 * possibly still streaming, are left alone.
 */
@CatalogInfrastructureTest
class IncompleteUploadSweepIT {

    private static final Duration BOUND = Duration.ofSeconds(3);

    private static Pipeline pipeline;
    private static Isolation isolation;
    private static MinioAsyncClient s3;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        pipeline = Pipeline.empty(isolation);
        pipeline.startApprovalWorker(Map.of("catalog.orphans.enabled", "false",
                "catalog.orphans.incomplete-upload-min-age", BOUND.toSeconds() + "s"));
        s3 = MinioAsyncClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void anIncompleteMultipartUploadOlderThanTheBoundIsAbortedAndAYoungerOneKept() throws Exception {
        String old = begin("t/releases/r/uploads/u1/old.wav");
        Instant oldStarted = Instant.now();
        await().atMost(BOUND.multipliedBy(3)).until(() -> Instant.now().isAfter(oldStarted.plus(BOUND).plusSeconds(1)));
        String young = begin("t/releases/r/uploads/u2/young.wav");
        assertThat(uploadIds()).contains(old, young);

        OrphanSweeper.Sweep sweep = pipeline.approvalWorker().getBean(OrphanSweeper.class).sweep();

        assertThat(sweep.incompleteUploads()).isEqualTo(1);
        assertThat(uploadIds()).contains(young).doesNotContain(old);
    }

    private static String begin(String key) throws Exception {
        return s3.createMultipartUploadAsync(isolation.tempBucket(), null, key, null, null)
                .get(30, TimeUnit.SECONDS).result().uploadId();
    }

    private static List<String> uploadIds() throws Exception {
        return s3.listMultipartUploadsAsync(isolation.tempBucket(), null, null, null, null, 1000, null, null, null,
                null).get(30, TimeUnit.SECONDS).result().uploads().stream().map(Upload::uploadId).toList();
    }
}
