package io.catalogingest.approval.promotion;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.catalogingest.approval.ApprovalStorage;
import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.approval.lease.LeaseLostException;
import io.catalogingest.common.Messages;
import io.catalogingest.common.envelope.EnvelopeCodec;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.support.messaging.MessagePublisher;
import io.catalogingest.support.messaging.TopicProperties;
import io.catalogingest.support.persistence.Outbox;
import io.catalogingest.support.net.LinkProperties;
import io.catalogingest.support.net.LinkTargets;
import io.catalogingest.support.persistence.OutboxProperties;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The promotion of an approved release's files, against real Postgres and S3: copy, verify, record, delete the
 * upload, announce (through the outbox, left there: nothing is published after the commit in this test).
 */
@CatalogInfrastructureTest
class MediaPromotionTest {

    private static final String TENANT = "tenant-promotion";
    private static final byte[] CONTENT = "the bytes of a cover image".getBytes(UTF_8);

    private ApprovalStorage storage;
    private DefaultKafkaProducerFactory<String, byte[]> producers;
    private MediaPromotion promotion;

    @BeforeEach
    void start(Infrastructure infrastructure) {
        storage = new ApprovalStorage(infrastructure);
        JsonMapper json = JsonMapper.builder().build();
        EnvelopeCodec codec = new EnvelopeCodec(Messages.registry(), json);
        producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        MessagePublisher publisher = new MessagePublisher(new KafkaTemplate<>(producers), codec,
                new TopicProperties(storage.isolation.topicPrefix(), 1, 1, 0), Duration.ofSeconds(10));
        Outbox outbox = new Outbox(storage.jdbi, publisher, codec, json, new OutboxProperties(false,
                new OutboxProperties.Relay(false, Duration.ofSeconds(1), Duration.ofSeconds(15), 100)), 0);
        PromotionProperties properties = new PromotionProperties(2, DataSize.ofGigabytes(5), DataSize.ofMegabytes(512),
                false, 0, 0);
        promotion = new MediaPromotion(storage.jdbi, storage.minio, outbox, properties, storage.storage,
                new PromotionFaults(properties), new SimpleMeterRegistry(), new LinkFetcher(storage.minio,
                new LinkTargets(LinkProperties.defaults()), LinkProperties.defaults()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        promotion.destroy();
        producers.destroy();
    }

    @Test
    void copiesVerifiesRecordsDeletesTheUploadAndAnnounces() throws Exception {
        Release release = approvedWithOneFile(CONTENT, CONTENT);
        int[] heartbeats = {0};

        int promoted = promotion.promote(TENANT, release.id(), null, release.lease(), () -> heartbeats[0]++);

        assertThat(promoted).isEqualTo(1);
        assertThat(heartbeats[0]).isEqualTo(1);
        StatObjectResponse copy = storage.minio.statObject(StatObjectArgs.builder()
                .bucket(storage.isolation.mediaBucket()).object(release.mediaKey()).build());
        assertThat(copy.size()).isEqualTo(CONTENT.length);
        assertThat(copy.userMetadata()).containsEntry("sha256", sha256(CONTENT));
        assertThat(storage.keys(storage.isolation.tempBucket())).doesNotContain(release.uploadKey());
        assertThat(column("select status || ' ' || bucket from media where id = :id", release.mediaId()))
                .isEqualTo("promoted " + storage.isolation.mediaBucket());
        assertThat(column("""
                select method || ' ' || (verified_at is not null) || ' ' || (temp_deleted_at is not null) || ' '
                       || (announced_at is not null) from media_promotion where media_id = :id""", release.mediaId()))
                .isEqualTo("copy true true true");
        assertThat(column("select topic || ' ' || message_key || ' ' || event_id from outbox_event where event_id = :id",
                MediaPromotion.eventId(release.mediaId())))
                .isEqualTo(Topics.RELEASE_EVENTS + " " + release.id() + " " + MediaPromotion.eventId(release.mediaId()));
        assertThat(promotion.promote(TENANT, release.id(), null, release.lease(), () -> { }))
                .as("a second run finds nothing left to do").isZero();
    }

    @Test
    void anUploadThatDoesNotMatchItsRowFailsForGoodAndIsKept() throws Exception {
        Release release = approvedWithOneFile(CONTENT, "other bytes".getBytes(UTF_8));

        assertThatThrownBy(() -> promotion.promote(TENANT, release.id(), null, release.lease(), () -> { }))
                .isInstanceOf(PromotionFailedException.class).hasMessageContaining("does not match its media row");

        assertThat(storage.keys(storage.isolation.tempBucket())).contains(release.uploadKey());
        assertThat(storage.keys(storage.isolation.mediaBucket())).isEmpty();
        assertThat(column("select status from media where id = :id", release.mediaId())).isEqualTo("registered");
        assertThat(column("select attempts || ' ' || (last_error is not null) from media_promotion where media_id = :id",
                release.mediaId())).isEqualTo("1 true");
    }

    @Test
    void aDriverWhoseLeaseWasTakenOverWritesNothing() throws Exception {
        Release release = approvedWithOneFile(CONTENT, CONTENT);
        storage.jdbi.useHandle(handle -> handle.createUpdate(
                        "update release_approval set lease_owner = 'driver-b', lease_epoch = 2 where release_id = :id")
                .bind("id", release.id()).execute());

        assertThatThrownBy(() -> promotion.promote(TENANT, release.id(), null, release.lease(), () -> { }))
                .isInstanceOf(LeaseLostException.class);

        assertThat(column("select status from media where id = :id", release.mediaId())).isEqualTo("registered");
        assertThat(column("select (verified_at is null)::text from media_promotion where media_id = :id",
                release.mediaId())).isEqualTo("true");
        assertThat(storage.keys(storage.isolation.tempBucket())).contains(release.uploadKey());
        assertThat(column("select count(*)::text from outbox_event where event_id = :id",
                MediaPromotion.eventId(release.mediaId()))).isEqualTo("0");
    }

    /** An approved release driven by driver-a (epoch 1), with one file whose row says {@code registered}. */
    private Release approvedWithOneFile(byte[] registered, byte[] uploaded) throws Exception {
        UUID releaseId = storage.release(TENANT);
        String uploadKey = TENANT + "/releases/" + releaseId + "/uploads/" + UUID.randomUUID() + "/cover.png";
        storage.put(storage.isolation.tempBucket(), uploadKey, uploaded);
        UUID mediaId = storage.media(TENANT, releaseId, uploadKey, "registered", registered.length,
                sha256(registered));
        storage.jdbi.useHandle(handle -> {
            handle.createUpdate("""
                            insert into release_approval (release_id, tenant_id, review_id, product_id, command_id,
                                                          lease_owner, lease_until, lease_epoch)
                            values (:releaseId, :tenant, :reviewId, 'product', :commandId, 'driver-a',
                                    now() + interval '1 minute', 1)""")
                    .bind("releaseId", releaseId).bind("tenant", TENANT).bind("reviewId", UUID.randomUUID())
                    .bind("commandId", UUID.randomUUID()).execute();
            handle.createUpdate("""
                            insert into media_promotion (media_id, tenant_id, release_id, object_key)
                            values (:mediaId, :tenant, :releaseId, :objectKey)""")
                    .bind("mediaId", mediaId).bind("tenant", TENANT).bind("releaseId", releaseId)
                    .bind("objectKey", "media/" + mediaId).execute();
        });
        return new Release(releaseId, mediaId, uploadKey, "media/" + mediaId,
                new DriverLease(releaseId, "driver-a", 1));
    }

    private record Release(UUID id, UUID mediaId, String uploadKey, String mediaKey, DriverLease lease) {
    }

    private String column(String sql, UUID id) {
        return storage.jdbi.withHandle(handle -> handle.createQuery(sql).bind("id", id).mapTo(String.class).one());
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
