package io.catalogingest.approval;

import java.util.Set;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.catalogingest.testsupport.ServiceArchitecture;

/** The approval-worker's share of the service rules (test-support's {@link ServiceArchitecture}). */
@AnalyzeClasses(packages = "io.catalogingest.approval", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule listenersCallServicesOnly = ServiceArchitecture.listenersCallServicesOnly();

    @ArchTest
    static final ArchRule listenersNameNoMessageType = ServiceArchitecture.listenersNameNoMessageType();

    @ArchTest
    static final ArchRule noInstanceofOverMessageTypes = ServiceArchitecture.noInstanceofOverMessageTypes();

    @ArchTest
    static final ArchRule packagesByFeature = ServiceArchitecture.packagesByFeature();

    @ArchTest
    static final ArchRule sqlOnlyInPersistenceClasses = ServiceArchitecture.sqlOnlyInPersistenceClasses(Set.of(
            "io.catalogingest.approval.autocreation.ReleaseCompletion",
            "io.catalogingest.approval.lease.DriverLease",
            "io.catalogingest.approval.orphans.OrphanSweeper",
            "io.catalogingest.approval.review.ReleaseReview"));
}
