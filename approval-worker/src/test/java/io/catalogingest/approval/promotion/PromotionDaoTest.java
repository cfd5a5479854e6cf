package io.catalogingest.approval.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.ApprovalStorage;
import io.catalogingest.approval.lease.DriverLease;
import io.catalogingest.approval.lease.LeaseLostException;
import io.catalogingest.common.release.MediaStatus;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The promotion rows against real Postgres: each write fenced by the driver's lease, in one transaction. */
@CatalogInfrastructureTest
class PromotionDaoTest {

    private static final String TENANT = "tenant-promotions";

    private static ApprovalStorage storage;
    private static PromotionDao promotions;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        storage = new ApprovalStorage(infrastructure);
        promotions = storage.jdbi.onDemand(PromotionDao.class);
    }

    @Test
    void aFileIsPendingUntilAnnouncedAndRemembersHowItWasPromoted() {
        DriverLease lease = lease();
        UUID mediaId = promotion(lease.releaseId());

        PromotionDao.PendingFile pending = promotions.pending(TENANT, lease.releaseId()).get(0);
        assertThat(pending.mediaId()).isEqualTo(mediaId);
        assertThat(pending.status()).isEqualTo(MediaStatus.REGISTERED);
        assertThat(pending.verified()).isFalse();
        assertThat(pending.uploadKey()).isEqualTo("uploads/" + mediaId);

        promotions.markVerified(lease, mediaId, "copy", "permanent-bucket");
        promotions.markVerified(lease, mediaId, "multipart-copy", "permanent-bucket");
        promotions.markTempDeleted(lease, mediaId);
        PromotionDao.PendingFile verified = promotions.pending(TENANT, lease.releaseId()).get(0);
        assertThat(verified.status()).isEqualTo(MediaStatus.PROMOTED);
        assertThat(verified.method()).as("the first method stays").isEqualTo("copy");
        assertThat(verified.verified()).isTrue();
        assertThat(verified.tempDeleted()).isTrue();
        assertThat(storage.column("media", "id", mediaId, "bucket")).isEqualTo("permanent-bucket");

        promotions.markAnnounced(lease, List.of());
        promotions.markAnnounced(lease, List.of(mediaId));
        assertThat(promotions.pending(TENANT, lease.releaseId())).isEmpty();
        assertThat(promotions.pending("another-tenant", lease.releaseId())).isEmpty();
    }

    @Test
    void aLostLeaseWritesNothing() {
        DriverLease lease = lease();
        UUID mediaId = promotion(lease.releaseId());
        DriverLease lost = new DriverLease(lease.releaseId(), "driver-old", lease.epoch() - 1);

        assertThatThrownBy(() -> promotions.markVerified(lost, mediaId, "copy", "permanent-bucket"))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> promotions.recordFailure(lost, mediaId, "boom"))
                .isInstanceOf(LeaseLostException.class);

        assertThat(storage.column("media", "id", mediaId, "status")).isEqualTo("registered");
        assertThat(storage.column("media_promotion", "media_id", mediaId, "attempts")).isEqualTo("0");
        promotions.recordFailure(lease, mediaId, "y".repeat(2500));
        assertThat(storage.column("media_promotion", "media_id", mediaId, "attempts")).isEqualTo("1");
        assertThat(storage.column("media_promotion", "media_id", mediaId, "length(last_error)")).isEqualTo("2000");
    }

    private static DriverLease lease() {
        UUID releaseId = storage.approval(TENANT, "promoting", "driver", 3, Duration.ofMinutes(1));
        return new DriverLease(releaseId, "driver", 3);
    }

    private static UUID promotion(UUID releaseId) {
        UUID mediaId = UUID.randomUUID();
        UUID id = storage.media(TENANT, releaseId, "uploads/" + mediaId, "registered");
        storage.jdbi.useHandle(handle -> handle.createUpdate("""
                        insert into media_promotion (media_id, tenant_id, release_id, object_key)
                        select id, tenant_id, release_id, object_key from media where id = :id""")
                .bind("id", id).execute());
        storage.jdbi.useHandle(handle -> handle.createUpdate("update media set upload_key = :key where id = :id")
                .bind("key", "uploads/" + id).bind("id", id).execute());
        return id;
    }
}
