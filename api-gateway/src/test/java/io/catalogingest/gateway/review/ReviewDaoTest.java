package io.catalogingest.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.gateway.CatalogRows;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The gateway's read of a release's review state against real Postgres. */
@CatalogInfrastructureTest
class ReviewDaoTest {

    private static CatalogRows rows;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        rows = new CatalogRows(infrastructure);
    }

    @Test
    void aReviewedReleaseIsReadInItsTenantOnly() {
        String tenant = CatalogRows.tenant();
        UUID releaseId = rows.release(tenant, "Title", "approved");
        rows.jdbi.useHandle(handle -> handle.execute("""
                update release set reviewed_by = 'reviewer', reviewed_at = now(), feedback = 'fine',
                    auto_creation_status = 'pending' where id = ?""", releaseId));
        ReviewDao reviews = rows.jdbi.onDemand(ReviewDao.class);

        ReviewReader.ReviewedRelease found = reviews.find(tenant, releaseId).orElseThrow();

        assertThat(found.id()).isEqualTo(releaseId.toString());
        assertThat(found.status()).isEqualTo("approved");
        assertThat(found.reviewedById()).isEqualTo("reviewer");
        assertThat(found.reviewedAt()).isNotNull();
        assertThat(found.autoCreationStatus()).isEqualTo("pending");
        assertThat(found.completedAt()).isNull();
        assertThat(reviews.find("another-tenant", releaseId)).isEmpty();
    }
}
