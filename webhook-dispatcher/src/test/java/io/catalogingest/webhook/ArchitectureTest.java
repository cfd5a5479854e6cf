package io.catalogingest.webhook;

import java.util.Set;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.catalogingest.testsupport.ServiceArchitecture;

/** The webhook-dispatcher's share of the service rules (test-support's {@link ServiceArchitecture}). */
@AnalyzeClasses(packages = "io.catalogingest.webhook", importOptions = ImportOption.DoNotIncludeTests.class)
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
    static final ArchRule sqlOnlyInPersistenceClasses = ServiceArchitecture.sqlOnlyInPersistenceClasses(Set.of());
}
