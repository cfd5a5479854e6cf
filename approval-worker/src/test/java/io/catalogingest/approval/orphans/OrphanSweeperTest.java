package io.catalogingest.approval.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.catalogingest.approval.ApprovalStorage;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The sweep of the temporary bucket, against real Postgres and S3: what it keeps, what it removes. */
@CatalogInfrastructureTest
class OrphanSweeperTest {

    private static final String TENANT = "tenant-orphans";
    /** A negative minimum age: every object counts as old enough, whatever the clocks of S3 and the test. */
    private static final Duration ANY_AGE = Duration.ofMinutes(-5);

    private ApprovalStorage storage;
    private String temp;

    @BeforeEach
    void start(Infrastructure infrastructure) throws Exception {
        storage = new ApprovalStorage(infrastructure);
        temp = storage.isolation.tempBucket();
        UUID release = storage.release(TENANT);
        for (String key : new String[] {"registered", "promoting", "rejected", "awaited", "answered", "stray"}) {
            storage.put(temp, "uploads/" + key, new byte[] {1});
        }
        storage.media(TENANT, release, "uploads/registered", "registered");
        storage.media(TENANT, release, "uploads/promoting", "promoted");
        storage.media(TENANT, release, "uploads/rejected", "rejected");
        storage.request(TENANT, "uploads/awaited", false);
        storage.request(TENANT, "uploads/answered", true);
    }

    @Test
    void removesWhatNoMediaRowOrAwaitedRequestOwns() throws Exception {
        OrphanSweeper.Sweep sweep = sweeper(ANY_AGE, false, 2).sweep();

        assertThat(sweep).isEqualTo(new OrphanSweeper.Sweep(6, 3, 3, 0, false));
        assertThat(storage.keys(temp)).containsExactlyInAnyOrder("uploads/registered", "uploads/promoting",
                "uploads/awaited");
    }

    @Test
    void aDryRunCountsAndKeepsEverything() throws Exception {
        OrphanSweeper.Sweep sweep = sweeper(ANY_AGE, true, 500).sweep();

        assertThat(sweep).isEqualTo(new OrphanSweeper.Sweep(6, 3, 0, 0, true));
        assertThat(storage.keys(temp)).hasSize(6);
    }

    @Test
    void objectsYoungerThanTheMinimumAgeAreLeftAlone() throws Exception {
        OrphanSweeper.Sweep sweep = sweeper(Duration.ofHours(1), false, 500).sweep();

        assertThat(sweep).isEqualTo(new OrphanSweeper.Sweep(6, 0, 0, 0, false));
        assertThat(storage.keys(temp)).hasSize(6);
    }

    private OrphanSweeper sweeper(Duration minAge, boolean dryRun, int batch) {
        return new OrphanSweeper(storage.minio, storage.jdbi,
                new OrphanProperties(true, Duration.ofHours(1), minAge, dryRun, batch, Duration.ofHours(24)), storage.storage,
                new SimpleMeterRegistry(), new IncompleteUploads(storage.storage));
    }
}
