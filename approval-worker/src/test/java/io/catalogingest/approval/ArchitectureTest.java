package io.catalogingest.approval;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import io.catalogingest.testsupport.ServiceArchitecture;

/** The approval-worker's share of the service rules (test-support's {@link ServiceArchitecture}). */
@AnalyzeClasses(packages = "io.catalogingest.approval", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests listenerRules = ArchTests.in(ServiceArchitecture.ListenerRules.class);

    @ArchTest
    static final ArchRule sqlOnlyInDaos = ServiceArchitecture.sqlOnlyInDaos();
}
