package io.catalogingest.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** {@code common} is records and pure rules: no Spring, no database, HTTP, storage or Kafka clients, no files. */
@AnalyzeClasses(packages = "io.catalogingest.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commonHasNoFrameworksOrIo = noClasses()
            .that().resideInAPackage("io.catalogingest.common..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..",
                    "java.sql..",
                    "java.net.http..",
                    "io.minio..",
                    "org.apache.kafka..",
                    "java.nio.file..")
            .because("common holds records and pure rules only; beans and connections belong in the services");
}
