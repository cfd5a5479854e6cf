package io.catalogingest.gateway.review;

import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The review state of a release, read only and scoped by tenant. */
@RegisterConstructorMapper(ReviewReader.ReviewedRelease.class)
interface ReviewDao {

    @SqlQuery("""
            select id, title, status, feedback, reviewed_by as reviewed_by_id, reviewed_at, auto_creation_status,
                   auto_creation_error, created_product_id, completed_at
            from release where tenant_id = :tenantId and id = :id""")
    Optional<ReviewReader.ReviewedRelease> find(@Bind("tenantId") String tenantId, @Bind("id") UUID releaseId);
}
