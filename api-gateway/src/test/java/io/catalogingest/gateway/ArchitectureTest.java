package io.catalogingest.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.catalogingest.testsupport.ServiceArchitecture;

/** The api-gateway's share of the service rules (it has no listeners) (test-support's {@link ServiceArchitecture}). */
@AnalyzeClasses(packages = "io.catalogingest.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule sqlOnlyInDaos = ServiceArchitecture.sqlOnlyInDaos();
}
