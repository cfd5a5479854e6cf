package io.catalogingest.approval;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.support.storage.StorageProperties;
import io.catalogingest.testsupport.Infrastructure;
import io.catalogingest.testsupport.Isolation;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;

/**
 * The approval-worker's Postgres and S3, wired by hand over test-support's infrastructure as the worker wires them:
 * a migrated schema of its own, Jdbi, and the two buckets of its isolation. Rows are written with the fewest columns
 * the schema requires.
 */
public final class ApprovalStorage {

    public final Isolation isolation;
    public final Jdbi jdbi;
    public final MinioClient minio;
    public final StorageProperties storage;

    public ApprovalStorage(Infrastructure infrastructure) {
        isolation = infrastructure.isolate();
        jdbi = CatalogJdbi.create(isolation.migratedDataSource());
        minio = MinioClient.builder().endpoint(infrastructure.s3Endpoint())
                .credentials(infrastructure.s3AccessKey(), infrastructure.s3SecretKey()).build();
        storage = new StorageProperties(infrastructure.s3Endpoint(), null, infrastructure.s3AccessKey(),
                infrastructure.s3SecretKey(), "us-east-1", isolation.tempBucket(), isolation.mediaBucket(),
                Duration.ofHours(1));
    }

    /** A draft release of {@code tenant}. */
    public UUID release(String tenant) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into release (tenant_id, id, owner_id, title, display_artist)
                        values (:tenant, :id, 'owner', 'Title', 'Artist')""")
                .bind("tenant", tenant).bind("id", id).execute());
        return id;
    }

    /** A media row of the release's, registered from {@code uploadKey}, in {@code status}. */
    public UUID media(String tenant, UUID releaseId, String uploadKey, String status) {
        return media(tenant, releaseId, uploadKey, status, 1, "00");
    }

    /** A media row as above, of {@code size} bytes whose hash is {@code sha256}; its media key is media/{id}. */
    public UUID media(String tenant, UUID releaseId, String uploadKey, String status, long size, String sha256) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into media (id, tenant_id, release_id, bucket, object_key, name, size, sha256, status,
                                           uploaded_at, upload_key)
                        values (:id, :tenant, :releaseId, :bucket, :objectKey, 'file.png', :size, :sha256, :status,
                                :uploadedAt, :uploadKey)""")
                .bind("id", id).bind("tenant", tenant).bind("releaseId", releaseId)
                .bind("bucket", isolation.mediaBucket()).bind("objectKey", "media/" + id).bind("size", size)
                .bind("sha256", sha256)
                .bind("status", status).bind("uploadedAt", Instant.now()).bind("uploadKey", uploadKey).execute());
        return id;
    }

    /** A gateway request that stored {@code objectKey}, with an outcome or not yet. */
    public UUID request(String tenant, String objectKey, boolean answered) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(handle -> {
            handle.createUpdate("""
                            insert into request (request_id, tenant_id, kind, object_key)
                            values (:id, :tenant, 'media.register', :objectKey)""")
                    .bind("id", id).bind("tenant", tenant).bind("objectKey", objectKey).execute();
            if (answered) {
                handle.createUpdate("""
                                insert into request_outcome (request_id, tenant_id, outcome, resource_type,
                                    http_status, event_id, event_source, event_topic, event_subject, event_type,
                                    event_payload)
                                values (:id, :tenant, 'rejected', 'media', 400, :id, '/test', 'topic', 'subject',
                                    'type', '{}'::jsonb)""")
                        .bind("id", id).bind("tenant", tenant).execute();
            }
        });
        return id;
    }

    public void put(String bucket, String key, byte[] content) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1).build());
    }

    public Set<String> keys(String bucket) throws Exception {
        Set<String> keys = new HashSet<>();
        for (Result<Item> result : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true)
                .build())) {
            keys.add(result.get().objectName());
        }
        return keys;
    }
}
