package io.catalogingest.support;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.catalogingest.testsupport.ServiceArchitecture;

/** service-support's share of the service rules: its ledger and outbox SQL stays in their DAOs too. */
@AnalyzeClasses(packages = "io.catalogingest.support", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sqlOnlyInDaos = ServiceArchitecture.sqlOnlyInDaos();
}
