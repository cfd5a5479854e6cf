package io.catalogingest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import org.junit.jupiter.api.Test;

@CatalogInfrastructureTest
class StorageInfrastructureTest {

    private final Infrastructure infrastructure;

    StorageInfrastructureTest(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    @Test
    void startsOncePerJvm() {
        assertThat(SharedInstances.record(infrastructure)).containsExactly(infrastructure);
    }

    @Test
    void putsGetsAndCopiesBetweenTheIsolatedBuckets() throws Exception {
        Isolation isolation = infrastructure.isolate();
        Map<String, String> properties = isolation.springProperties();
        MinioClient minio = MinioClient.builder()
                .endpoint(properties.get("catalog.storage.endpoint"))
                .credentials(properties.get("catalog.storage.access-key"), properties.get("catalog.storage.secret-key"))
                .build();
        String tempBucket = properties.get("catalog.storage.temp-bucket");
        String mediaBucket = properties.get("catalog.storage.media-bucket");
        byte[] content = "RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII);

        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(tempBucket).build())).isTrue();
        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(mediaBucket).build())).isTrue();

        minio.putObject(PutObjectArgs.builder()
                .bucket(tempBucket)
                .object("uploads/u1/track.wav")
                .stream(new ByteArrayInputStream(content), -1, 5 * 1024 * 1024)
                .contentType("audio/wav")
                .userMetadata(Map.of("tenant", "t1"))
                .build());
        assertThat(read(minio, tempBucket, "uploads/u1/track.wav")).isEqualTo(content);

        minio.copyObject(CopyObjectArgs.builder()
                .bucket(mediaBucket)
                .object("media/t1/track.wav")
                .source(CopySource.builder().bucket(tempBucket).object("uploads/u1/track.wav").build())
                .build());

        assertThat(read(minio, mediaBucket, "media/t1/track.wav")).isEqualTo(content);
        StatObjectResponse copied = minio.statObject(
                StatObjectArgs.builder().bucket(mediaBucket).object("media/t1/track.wav").build());
        assertThat(copied.size()).isEqualTo(content.length);
        assertThat(copied.userMetadata()).containsEntry("tenant", "t1");
    }

    private static byte[] read(MinioClient minio, String bucket, String object) throws Exception {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
            return in.readAllBytes();
        }
    }
}
