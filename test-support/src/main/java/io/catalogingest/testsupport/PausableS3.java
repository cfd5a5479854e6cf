package io.catalogingest.testsupport;

import java.io.IOException;
import java.nio.file.Path;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;

/**
 * An S3Proxy of one test's own (a child process, not the shared one), which the test can stall with SIGSTOP and
 * resume with SIGCONT: connections are still accepted by the kernel, but nothing answers — the way a hung S3 server
 * looks to a client. Close it when the test ends.
 */
public final class PausableS3 implements AutoCloseable {

    private final S3ProxyProcess process;
    private final MinioClient minio;
    private volatile boolean paused;

    private PausableS3(S3ProxyProcess process) {
        this.process = process;
        this.minio = MinioClient.builder().endpoint(process.endpoint())
                .credentials(accessKey(), secretKey()).build();
    }

    /** Starts S3Proxy (the jar the shared infrastructure uses) with the given buckets. */
    public static PausableS3 start(String... buckets) {
        try {
            Path jar = S3ProxyJar.locate(System::getenv, System::getProperty);
            PausableS3 s3 = new PausableS3(S3ProxyProcess.start(jar, InfrastructureLauncher.DEFAULT_S3_ACCESS_KEY,
                    InfrastructureLauncher.DEFAULT_S3_SECRET_KEY));
            for (String bucket : buckets) {
                s3.minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return s3;
        }
        catch (IOException e) {
            throw new IllegalStateException("Could not start a pausable S3Proxy", e);
        }
        catch (Exception e) {
            throw new IllegalStateException("Could not create the buckets of a pausable S3Proxy", e);
        }
    }

    public String endpoint() {
        return process.endpoint();
    }

    public String accessKey() {
        return InfrastructureLauncher.DEFAULT_S3_ACCESS_KEY;
    }

    public String secretKey() {
        return InfrastructureLauncher.DEFAULT_S3_SECRET_KEY;
    }

    /** A MinIO client of this server. */
    public MinioClient client() {
        return minio;
    }

    /** SIGSTOP: the server stops answering (connections hang). */
    public void pause() {
        Signals.send("STOP", process.pid());
        paused = true;
    }

    /** SIGCONT: the server answers again. */
    public void resume() {
        Signals.send("CONT", process.pid());
        paused = false;
    }

    @Override
    public void close() {
        if (paused) {
            resume();
        }
        process.close();
    }
}
