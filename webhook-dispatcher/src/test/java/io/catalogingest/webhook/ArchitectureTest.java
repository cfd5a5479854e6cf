package io.catalogingest.webhook;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import io.catalogingest.testsupport.ServiceArchitecture;

/** The webhook-dispatcher's share of the service rules (test-support's {@link ServiceArchitecture}). */
@AnalyzeClasses(packages = "io.catalogingest.webhook", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests listenerRules = ArchTests.in(ServiceArchitecture.ListenerRules.class);

    @ArchTest
    static final ArchRule sqlOnlyInDaos = ServiceArchitecture.sqlOnlyInDaos();
}
