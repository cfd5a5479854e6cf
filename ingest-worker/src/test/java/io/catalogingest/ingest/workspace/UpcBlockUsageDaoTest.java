package io.catalogingest.ingest.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.support.persistence.CatalogJdbi;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** {@link UpcBlockDao#usage()} against real Postgres: drawn from every block, free only in active ones. */
@CatalogInfrastructureTest
class UpcBlockUsageDaoTest {

    private static Jdbi jdbi;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
    }

    @Test
    void usageCountsDrawnNumbersOfEveryBlockAndFreeOnesOfActiveBlocks() {
        assertThat(jdbi.onDemand(UpcBlockDao.class).usage()).as("no blocks, no rows").isEmpty();
        String tenant = "tenant-" + UUID.randomUUID();
        jdbi.useTransaction(handle -> {
            UpcBlockDao blocks = handle.attach(UpcBlockDao.class);
            blocks.claimPrefix(tenant, "0614141");
            UUID active = UUID.randomUUID();
            blocks.insert(active, tenant, "0614141", 13, "0614141", 0, 99, 6141410000000L, 6141410000099L, null);
            blocks.advance(active, 10);
            UUID retired = UUID.randomUUID();
            blocks.insert(retired, tenant, "0614141", 13, "0614141", 100, 199, 6141410000100L, 6141410000199L, null);
            blocks.advance(retired, 105);
            blocks.retire(retired);
        });

        assertThat(jdbi.onDemand(UpcBlockDao.class).usage())
                .containsExactly(new UpcBlockDao.Usage(tenant, 15, 90));
    }
}
